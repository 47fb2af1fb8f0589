package dev.lockstep.memory.dram;

/**
 * One broken rule found by the {@link DramTimingChecker}: which constraint, between which two
 * commands (as {@link CommandLog#describe} text; {@code earlier} is empty for a state rule with no
 * earlier command), how many cycles it needs and how many there were ({@code -1} for state rules).
 */
public record TimingViolation(String constraint, String earlier, String later, long requiredCycles, long actualCycles) {
    @Override
    public String toString() {
        String pair = earlier.isEmpty() ? later : earlier + " -> " + later;
        return requiredCycles < 0
                ? constraint + ": " + pair
                : constraint + ": " + pair + ": needs " + requiredCycles + " cycles, got " + actualCycles;
    }
}
