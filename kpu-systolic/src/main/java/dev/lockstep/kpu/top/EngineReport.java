package dev.lockstep.kpu.top;

/**
 * What one queue's unit did, in cycles of its own clock: busy (an instruction in hand), waiting
 * (idle with an instruction at the head of its queue whose dependencies were not yet met), and
 * utilization = busy / the run's length in that clock.
 */
public record EngineReport(String name, String clock, long instructions, long bytes, long busyCycles,
                           long dependencyWaitCycles, double utilization) {
}
