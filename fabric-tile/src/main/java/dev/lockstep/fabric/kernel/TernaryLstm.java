package dev.lockstep.fabric.kernel;

import dev.lockstep.fabric.Hints;

/**
 * T-LSTM over a sequence. The fabric only accumulates (tfmbs.md 4.1): per time step it computes the
 * four gates' pre-activations a = W_x x_t + W_h h_(t-1), rows in the order [input; forget; cell;
 * output], each H long. It does so with two frames per pass: W_x x_t over the I input columns, then,
 * with BIAS_EN, W_h h_(t-1) over the H recurrent columns, so the lanes' accumulators carry the first
 * partial sum into the second (the state persistence BIAS_EN exists for). [W_x | W_h] stays resident
 * across steps when its 4H rows fit one pass and I + H &lt;= 4096 words; only x_t and h_(t-1) are
 * reloaded.
 *
 * <p>The nonlinearities run on the host. Ours is a ternary stand-in for sigmoid and tanh, integer
 * only, so results are exact: gate i, f, o open when their pre-activation is &gt; 0,
 * g = sign(a_g), c_t = clamp((f ? c_(t-1) : 0) + (i ? g : 0), -1, 1), h_t = o ? c_t : 0.
 */
public final class TernaryLstm {
    /** Per step t: the 4H pre-activations, and h_t. */
    public record Result(int[][] preActivations, int[][] hidden) {}

    private TernaryLstm() {
    }

    /**
     * @param wx 4H x I trits
     * @param wh 4H x H trits
     * @param xs the inputs x_0..x_(T-1), I trits each; h_(-1) = c_(-1) = 0
     */
    public static Result run(FabricSession session, int[][] wx, int[][] wh, int[][] xs) {
        int rows = wx.length;
        if (rows == 0 || rows % 4 != 0 || wh.length != rows) {
            throw new IllegalArgumentException("W_x and W_h need the same 4H rows, got " + wx.length + " and " + wh.length);
        }
        int h = rows / 4;
        int in = wx[0].length;
        int[][] w = new int[rows][in + h];
        for (int r = 0; r < rows; r++) {
            TernaryGemm.checkTrits(wx[r], in, "W_x row");
            TernaryGemm.checkTrits(wh[r], h, "W_h row");
            System.arraycopy(wx[r], 0, w[r], 0, in);
            System.arraycopy(wh[r], 0, w[r], in, h);
        }
        TernaryGemm gemm = new TernaryGemm(session);
        int[] column = new int[in + h];
        int[] cell = new int[h];
        int[][] pre = new int[xs.length][];
        int[][] hidden = new int[xs.length][];
        int[] segments = {in, in + h};
        for (int t = 0; t < xs.length; t++) {
            TernaryGemm.checkTrits(xs[t], in, "x_" + t);
            System.arraycopy(xs[t], 0, column, 0, in);
            pre[t] = gemm.gemv(w, column, Hints.OP_LSTM | Hints.ZERO_SKIP, segments);
            int[] ht = new int[h];
            for (int j = 0; j < h; j++) {
                boolean inputGate = pre[t][j] > 0;
                boolean forgetGate = pre[t][h + j] > 0;
                int g = Integer.signum(pre[t][2 * h + j]);
                boolean outputGate = pre[t][3 * h + j] > 0;
                cell[j] = Math.clamp((forgetGate ? cell[j] : 0) + (inputGate ? g : 0), -1, 1);
                ht[j] = outputGate ? cell[j] : 0;
            }
            hidden[t] = ht;
            System.arraycopy(ht, 0, column, in, h);
        }
        return new Result(pre, hidden);
    }
}
