package dev.lockstep.memory.dram;

import java.util.Arrays;

/**
 * The commands one channel issued, in issue order, as parallel primitive arrays (no object per
 * command): what the {@link DramTimingChecker} replays. Tests and debugging attach one; a run
 * without it records nothing.
 */
public final class CommandLog {
    private long[] cycle = new long[256];
    private byte[] command = new byte[256];
    private int[] rank = new int[256];
    private int[] bankGroup = new int[256];
    private int[] bank = new int[256];
    private int[] row = new int[256];
    private int size;

    /** Appends a command; {@code bank} is the bank within its group; {@code row} is -1 where none applies. */
    public void add(long atCycle, byte cmd, int rankIndex, int group, int bankIndex, int rowIndex) {
        if (size == cycle.length) {
            int cap = size * 2;
            cycle = Arrays.copyOf(cycle, cap);
            command = Arrays.copyOf(command, cap);
            rank = Arrays.copyOf(rank, cap);
            bankGroup = Arrays.copyOf(bankGroup, cap);
            bank = Arrays.copyOf(bank, cap);
            row = Arrays.copyOf(row, cap);
        }
        cycle[size] = atCycle;
        command[size] = cmd;
        rank[size] = rankIndex;
        bankGroup[size] = group;
        bank[size] = bankIndex;
        row[size] = rowIndex;
        size++;
    }

    public int size() {
        return size;
    }

    public long cycle(int i) {
        return cycle[check(i)];
    }

    public byte command(int i) {
        return command[check(i)];
    }

    public int rank(int i) {
        return rank[check(i)];
    }

    public int bankGroup(int i) {
        return bankGroup[check(i)];
    }

    public int bank(int i) {
        return bank[check(i)];
    }

    public int row(int i) {
        return row[check(i)];
    }

    /** Number of commands of one kind. */
    public int count(byte cmd) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (command[i] == cmd) {
                n++;
            }
        }
        return n;
    }

    /** One command as text: {@code #12 RD @340 rank 0 bg 1 bank 2 row 7}. */
    public String describe(int i) {
        check(i);
        String s = "#" + i + " " + DramCommand.name(command[i]) + " @" + cycle[i] + " rank " + rank[i];
        if (command[i] == DramCommand.REF) {
            return s;
        }
        s += " bg " + bankGroup[i] + " bank " + bank[i];
        return row[i] >= 0 ? s + " row " + row[i] : s;
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("command " + i + " of " + size);
        }
        return i;
    }
}
