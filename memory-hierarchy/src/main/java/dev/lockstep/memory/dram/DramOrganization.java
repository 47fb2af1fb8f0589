package dev.lockstep.memory.dram;

/**
 * The shape of a DRAM device as one controller channel sees it. Every count is a power of two so
 * an address splits into bit fields.
 *
 * @param dqBits  data bus width of one channel in bits
 * @param columns column addresses per row, each {@code dqBits} wide (so a row holds
 *                {@code columns * dqBits / 8} bytes)
 */
public record DramOrganization(
        String name, int dqBits, int channels, int ranks, int bankGroups, int banksPerGroup,
        int rows, int columns) {

    public DramOrganization {
        int[] all = {dqBits, channels, ranks, bankGroups, banksPerGroup, rows, columns};
        for (int v : all) {
            if (v < 1 || Integer.bitCount(v) != 1) {
                throw new IllegalArgumentException(name + ": every organization count must be a power of two");
            }
        }
    }

    public DramOrganization withChannels(int n) {
        return new DramOrganization(name, dqBits, n, ranks, bankGroups, banksPerGroup, rows, columns);
    }

    public DramOrganization withRanks(int n) {
        return new DramOrganization(name, dqBits, channels, n, bankGroups, banksPerGroup, rows, columns);
    }

    public int banksPerRank() {
        return bankGroups * banksPerGroup;
    }

    public int banksPerChannel() {
        return ranks * banksPerRank();
    }

    public long rowBytes() {
        return (long) columns * dqBits / 8;
    }

    public long capacityBytes() {
        return (long) channels * banksPerChannel() * rows * rowBytes();
    }
}
