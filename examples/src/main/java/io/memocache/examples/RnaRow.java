package io.memocache.examples;

/**
 * One RNA sequence.
 *
 * @param id the primary key
 * @param shortSequence the first bases, for display
 * @param longSequence the whole sequence
 * @param length the sequence length
 * @param uid the unique id string
 */
public record RnaRow(int id, String shortSequence, String longSequence, int length, String uid) {}
