package dev.lockstep.fabric.runtime;

/** A submitted task, numbered 1, 2, 3... per device in submission order, never reused. */
public record TaskHandle(long id) {
}
