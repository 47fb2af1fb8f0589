package dev.lockstep.trace;

/** A declared trace signal: the id a writer hands out for one (component path, field) of a fixed width. */
public record Signal(int id, String path, String field, int width) {
}
