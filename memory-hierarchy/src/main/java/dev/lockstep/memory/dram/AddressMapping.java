package dev.lockstep.memory.dram;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a byte address into channel, rank, bank group, bank, row and column, by a field order
 * written most significant first as two-letter tokens: {@code Ro} row, {@code Ra} rank, {@code Bg}
 * bank group, {@code Ba} bank, {@code Co} column (in bursts), {@code Ch} channel. The burst offset
 * is always the lowest bits. Ramulator-style names such as {@code RoBaRaCoCh} leave {@code Bg} out:
 * then the bank-group bits sit just above the bank bits. Putting {@code Bg} below {@code Co}
 * ({@code RoRaBaCoBgCh}) sends consecutive bursts to different bank groups, which is what lets
 * DDR4, LPDDR5, GDDR6 and HBM3 stream at tCCD_S instead of tCCD_L.
 */
public final class AddressMapping {
    public static final int CHANNEL = 0;
    public static final int RANK = 1;
    public static final int BANK_GROUP = 2;
    public static final int BANK = 3;
    public static final int ROW = 4;
    public static final int COLUMN = 5;

    private static final String[] TOKENS = {"Ch", "Ra", "Bg", "Ba", "Ro", "Co"};

    private final int offsetBits;
    private final int[] shift = new int[6];
    private final long[] mask = new long[6];
    private final long capacity;

    /**
     * @throws IllegalArgumentException naming the scheme when a token is unknown, repeated or missing
     */
    public AddressMapping(String scheme, DramOrganization org, int burstBytes) {
        List<Integer> order = parse(scheme);
        int[] bits = {
            log2(org.channels()), log2(org.ranks()), log2(org.bankGroups()), log2(org.banksPerGroup()),
            log2(org.rows()), log2((int) (org.rowBytes() / burstBytes)),
        };
        offsetBits = log2(burstBytes);
        int at = 0;
        for (int i = order.size() - 1; i >= 0; i--) {
            int f = order.get(i);
            shift[f] = at;
            mask[f] = (1L << bits[f]) - 1;
            at += bits[f];
        }
        capacity = 1L << (at + offsetBits);
    }

    private static List<Integer> parse(String scheme) {
        if (scheme == null || scheme.length() % 2 != 0) {
            throw new IllegalArgumentException(describe(scheme));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < scheme.length(); i += 2) {
            String token = scheme.substring(i, i + 2);
            int f = List.of(TOKENS).indexOf(token);
            if (f < 0 || order.contains(f)) {
                throw new IllegalArgumentException(describe(scheme));
            }
            order.add(f);
        }
        if (!order.contains(BANK_GROUP) && order.contains(BANK)) {
            order.add(order.indexOf(BANK), BANK_GROUP);
        }
        if (order.size() != TOKENS.length) {
            throw new IllegalArgumentException(describe(scheme));
        }
        return order;
    }

    private static String describe(String scheme) {
        return "address mapping '" + scheme + "' must list each of Ro, Ra, Bg (optional), Ba, Co, Ch exactly once,"
                + " most significant first, e.g. RoBaRaCoCh or RoRaBaCoBgCh";
    }

    private static int log2(int powerOfTwo) {
        return Integer.numberOfTrailingZeros(powerOfTwo);
    }

    /** Bytes the mapping covers: addresses at or above it do not exist. */
    public long capacity() {
        return capacity;
    }

    /** Burst number of a byte address (the address without its burst offset). */
    public long burst(long address) {
        return address >>> offsetBits;
    }

    /** Field {@code field} ({@link #CHANNEL} .. {@link #COLUMN}) of burst number {@code burst}. */
    public int field(long burst, int field) {
        return (int) ((burst >>> shift[field]) & mask[field]);
    }
}
