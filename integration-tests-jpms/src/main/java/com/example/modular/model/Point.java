package com.example.modular.model;

/** A record result: copied through its canonical constructor. */
public record Point(int x, int y) {}
