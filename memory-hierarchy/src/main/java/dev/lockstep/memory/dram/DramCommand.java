package dev.lockstep.memory.dram;

/** The DRAM commands the controller issues, as the small integers its command log stores. */
public final class DramCommand {
    public static final byte ACT = 0;
    public static final byte PRE = 1;
    public static final byte RD = 2;
    public static final byte WR = 3;
    /** All-bank refresh of one rank. */
    public static final byte REF = 4;

    private static final String[] NAMES = {"ACT", "PRE", "RD", "WR", "REF"};

    private DramCommand() {
    }

    public static String name(int command) {
        return NAMES[command];
    }
}
