package dev.lockstep.kpu.scalesim;

import java.math.BigDecimal;
import java.math.MathContext;

/** Python's float arithmetic and text where it differs from Java's, so reports match SCALE-Sim's byte for byte. */
public final class PythonFloat {
    private static final long EXACT = 1L << 53;

    private PythonFloat() {
    }

    /** Python's {@code a / b} on ints: the quotient correctly rounded to a double. */
    public static double trueDiv(long a, long b) {
        if (Math.abs(a) <= EXACT && Math.abs(b) <= EXACT) {
            // Both are exact doubles, so IEEE division rounds the true quotient once, as Python does.
            return (double) a / (double) b;
        }
        return new BigDecimal(a).divide(new BigDecimal(b), MathContext.DECIMAL128).doubleValue();
    }

    /**
     * Python's {@code repr()} / {@code str()} of a float: the shortest digits that read back to the same
     * double, in positional notation for 1e-4 <= |x| < 1e16 (always with a fractional part, "100.0") and
     * otherwise as {@code d.ddde+XX}.
     */
    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return (1 / x < 0) ? "-0.0" : "0.0";
        }
        // Java 19+ prints the shortest round-tripping digits too; only the layout differs.
        String j = Double.toString(Math.abs(x));
        int e = j.indexOf('E');
        String mantissa = e < 0 ? j : j.substring(0, e);
        int exp10 = e < 0 ? 0 : Integer.parseInt(j.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int point = dot + exp10; // digits before the decimal point
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        point -= lead;
        digits = digits.substring(lead);
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        int sciExp = point - 1;
        StringBuilder b = new StringBuilder(x < 0 ? "-" : "");
        if (sciExp < -4 || sciExp >= 16) {
            b.append(digits.charAt(0));
            if (digits.length() > 1) {
                b.append('.').append(digits, 1, digits.length());
            }
            b.append('e').append(sciExp < 0 ? '-' : '+');
            int a = Math.abs(sciExp);
            if (a < 10) {
                b.append('0');
            }
            return b.append(a).toString();
        }
        if (point <= 0) {
            b.append("0.").append("0".repeat(-point)).append(digits);
        } else if (point >= digits.length()) {
            b.append(digits).append("0".repeat(point - digits.length())).append(".0");
        } else {
            b.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
        return b.toString();
    }
}
