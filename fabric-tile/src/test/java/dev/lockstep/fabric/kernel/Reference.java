package dev.lockstep.fabric.kernel;

/** Plain integer arithmetic the kernels are checked against; written without any fabric code. */
final class Reference {
    private Reference() {
    }

    static int[] matVec(int[][] w, int[] x) {
        int[] y = new int[w.length];
        for (int r = 0; r < w.length; r++) {
            int s = 0;
            for (int c = 0; c < x.length; c++) {
                s += w[r][c] * x[c];
            }
            y[r] = s;
        }
        return y;
    }

    /** W times the columns of X, as rows of W.length x columns.length. */
    static int[][] matMul(int[][] w, int[][] columns) {
        int[][] y = new int[w.length][columns.length];
        for (int n = 0; n < columns.length; n++) {
            int[] col = matVec(w, columns[n]);
            for (int r = 0; r < w.length; r++) {
                y[r][n] = col[r];
            }
        }
        return y;
    }

    /** Products w * x with w or x zero, over a matrix-vector product: the zero-skips of tfmbs.md 2.2. */
    static long zeroPairs(int[][] w, int[] x) {
        long n = 0;
        for (int[] row : w) {
            for (int c = 0; c < x.length; c++) {
                if (row[c] == 0 || x[c] == 0) {
                    n++;
                }
            }
        }
        return n;
    }
}
