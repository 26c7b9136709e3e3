package com.example.shapes;

/** An immutable row. */
public record Row(int id, String sequence) {}
