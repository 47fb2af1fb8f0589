package dev.lockstep.kpu.scalesim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected strings are what CPython's repr() prints for these doubles (its rule: positional for 1e-4 <= |x| < 1e16). */
class PythonFloatTest {
    @Test
    void positionalInsideTheWindow() {
        assertEquals("100.0", PythonFloat.repr(100.0));
        assertEquals("0.1", PythonFloat.repr(0.1));
        assertEquals("0.0001", PythonFloat.repr(0.0001));
        assertEquals("0.00012345", PythonFloat.repr(0.00012345));
        // Java would print 1.23456789E7 and 1.0E15.
        assertEquals("12345678.9", PythonFloat.repr(12345678.9));
        assertEquals("1000000000000000.0", PythonFloat.repr(1e15));
        assertEquals("9999999999999998.0", PythonFloat.repr(9999999999999998.0));
        assertEquals("84.99102675770285", PythonFloat.repr(105415200.0 * 100 / (121124.0 * 1024)));
        assertEquals("-2.5", PythonFloat.repr(-2.5));
        assertEquals("0.0", PythonFloat.repr(0.0));
    }

    @Test
    void exponentOutsideTheWindow() {
        assertEquals("1e-05", PythonFloat.repr(1e-05));
        assertEquals("2.5e-05", PythonFloat.repr(2.5e-05));
        assertEquals("1.5e-07", PythonFloat.repr(1.5e-7));
        assertEquals("1e+16", PythonFloat.repr(1e16));
        assertEquals("1.2345678901234568e+17", PythonFloat.repr(123456789012345678.0));
        assertEquals("1.7976931348623157e+308", PythonFloat.repr(Double.MAX_VALUE));
    }

    @Test
    void trueDivisionRoundsOnce() {
        // 1/3 and 2/3 as Python's int / int gives them.
        assertEquals(1.0 / 3, PythonFloat.trueDiv(1, 3));
        assertEquals("0.6666666666666666", PythonFloat.repr(PythonFloat.trueDiv(2, 3)));
        // Beyond 2^53 the operands are not exact doubles: (2^60 + 1) / 3 = 384307168202282325.666..., whose
        // nearest double is 384307168202282304 (doubles near 3.8e17 are 64 apart: ...304 and ...368).
        assertEquals(384307168202282304.0, PythonFloat.trueDiv((1L << 60) + 1, 3));
    }
}
