package dev.lockstep.kpu.systolic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pin-level checks of the contract in docs/systolic.md, driven edge by edge as a testbench would. */
class SystolicArrayTest {

    private static void idle(SystolicArray arr) {
        for (int i = 0; i < arr.rows(); i++) {
            arr.setWest(i, 0, false, 0);
        }
        for (int j = 0; j < arr.cols(); j++) {
            arr.setNorth(j, 0);
        }
        arr.setDrain(false, 0);
        arr.setWeightLoad(false, 0);
    }

    @Test
    void outputStationaryTwoByTwoByHand() {
        // A = [[1,2],[3,4]], B = [[5,6],[7,8]], so C = [[1*5+2*7, 1*6+2*8], [3*5+4*7, 3*6+4*8]] = [[19,22],[43,50]].
        // Contract, fold at s = 0, T = 2: west[i] gets A[i][t] at edge i+t, north[j] gets B[t][j] at edge j+t,
        // drain at edge T+R+C-2 = 4; column j shows row R-1-r after edge 4+r.
        SystolicArray arr = new SystolicArray(2, 2, Dataflow.OS, DType.INT8);
        int[][] west = {{1, 0}, {2, 3}, {0, 4}};      // edge -> row values (row 1 is one edge late)
        boolean[][] westValid = {{true, false}, {true, true}, {false, true}};
        int[][] north = {{5, 0}, {7, 6}, {0, 8}};
        for (int e = 0; e < 3; e++) {
            idle(arr);
            for (int i = 0; i < 2; i++) {
                arr.setWest(i, west[e][i], westValid[e][i], 0);
                arr.setNorth(i, north[e][i]);
            }
            arr.step();
        }
        idle(arr);
        arr.step();                                    // edge 3: PE(1,1)'s last MAC
        assertEquals(8, arr.macs());                   // 2 x 2 PEs x 2 products
        assertFalse(arr.southValid(0));
        arr.setDrain(true, 0);
        arr.step();                                    // edge 4: drain
        arr.setDrain(false, 0);
        assertTrue(arr.southValid(0));
        assertEquals(43, arr.southData(0));
        assertEquals(50, arr.southData(1));
        arr.step();                                    // edge 5: row 0 reaches the bottom
        assertEquals(19, arr.southData(0));
        assertEquals(22, arr.southData(1));
        arr.step();                                    // edge 6: chain empty
        assertFalse(arr.southValid(1));
        assertEquals(0, arr.accumulator(1, 1, 0));     // drain cleared bank 0
    }

    @Test
    void weightStationaryTwoByTwoByHand() {
        // W = [[1,2],[3,4]] stationary, X = [[5,6],[7,8]] streamed: C[t][n] = sum_i X[t][i] W[i][n]
        // = [[5*1+6*3, 5*2+6*4], [7*1+8*3, 7*2+8*4]] = [[23,34],[31,46]].
        // Contract with u = R = 2: wload on edges 0,1 with W's last row first; west[i] gets X[t][i] at edge
        // u+i+t; column j shows C[t][j] after edge u+t+R-1+j = 3+t+j.
        SystolicArray arr = new SystolicArray(2, 2, Dataflow.WS, DType.INT8);
        idle(arr);
        arr.setWeightLoad(true, 1);
        arr.setNorth(0, 3);
        arr.setNorth(1, 4);
        arr.step();                                    // edge 0
        arr.setNorth(0, 1);
        arr.setNorth(1, 2);
        arr.step();                                    // edge 1
        assertEquals(4, arr.weight(1, 1, 1));
        assertEquals(1, arr.weight(0, 0, 1));
        idle(arr);
        int[][] west = {{5, 0}, {7, 6}, {0, 8}};       // edges 2, 3, 4
        boolean[][] valid = {{true, false}, {true, true}, {false, true}};
        long[][] col0 = new long[3][];
        for (int e = 0; e < 3; e++) {
            for (int i = 0; i < 2; i++) {
                arr.setWest(i, west[e][i], valid[e][i], 1);
            }
            arr.step();
            col0[e] = new long[] {arr.southData(0), arr.southData(1)};
        }
        assertEquals(23, col0[1][0]);                  // after edge 3
        assertEquals(31, col0[2][0]);                  // after edge 4
        assertEquals(34, col0[2][1]);                  // after edge 4
        idle(arr);
        arr.step();                                    // edge 5
        assertEquals(46, arr.southData(1));
        assertTrue(arr.southValid(1));
        assertEquals(8, arr.macs());
    }

    @Test
    void int8PinsDropHighBitsAndAccumulatorWrapsAt32Bits() {
        // 1x1 OS: 0x180 on an 8-bit pin is -128; (-128)*(-128) = 16384, and 2^31 / 16384 = 131072 such
        // products make 2^31, which wraps to -2^31 in a 32-bit accumulator.
        SystolicArray arr = new SystolicArray(1, 1, Dataflow.OS, DType.INT8);
        arr.setWest(0, 0x180, true, 0);
        arr.setNorth(0, 0x80);
        for (int e = 0; e < 131072; e++) {
            arr.step();
        }
        assertEquals(Integer.MIN_VALUE, arr.accumulator(0, 0, 0));
    }

    @Test
    void resetClearsEverything() {
        SystolicArray arr = new SystolicArray(2, 3, Dataflow.OS, DType.INT16);
        arr.setWest(0, 7, true, 0);
        arr.setNorth(0, 9);
        arr.step();
        assertEquals(63, arr.accumulator(0, 0, 0));   // 7 * 9
        arr.setReset(true);
        arr.step();
        assertEquals(0, arr.accumulator(0, 0, 0));
        assertEquals(0, arr.macs());
    }

    @Test
    void isHasNoHardwareOfItsOwn() {
        assertThrows(IllegalArgumentException.class, () -> new SystolicArray(2, 2, Dataflow.IS, DType.INT8));
    }
}
