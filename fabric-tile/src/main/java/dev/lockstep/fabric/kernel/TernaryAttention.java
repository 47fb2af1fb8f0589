package dev.lockstep.fabric.kernel;

import dev.lockstep.fabric.Hints;

/**
 * Attention scores S = Q K^T through DOT-style accumulation (kernel id ATTN): S^T = K Q^T is a T-GEMM
 * with W = K (one key per lane, L_k rows of d columns, resident per pass) and one column of X per
 * query, so queries stream through the input bank while keys stay. Softmax and the value product are
 * host work (tfmbs.md 4.1: the hardware has no attention beyond the accumulate).
 */
public final class TernaryAttention {
    private TernaryAttention() {
    }

    /** S[i][j] = sum_k q[i][k] k[j][k]; q is L_q x d, k is L_k x d, all trits. */
    public static int[][] scores(FabricSession session, int[][] q, int[][] k) {
        int[][] st = new TernaryGemm(session).gemm(k, q, Hints.OP_ATTN | Hints.ZERO_SKIP, null);
        int[][] s = new int[q.length][k.length];
        for (int j = 0; j < k.length; j++) {
            for (int i = 0; i < q.length; i++) {
                s[i][j] = st[j][i];
            }
        }
        return s;
    }
}
