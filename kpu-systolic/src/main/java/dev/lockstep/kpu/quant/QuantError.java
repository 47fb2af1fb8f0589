package dev.lockstep.kpu.quant;

/**
 * How far a result is from an exact (double) reference: relative Frobenius error ||y - ref|| /
 * ||ref||, the largest and the mean absolute error, and the largest error relative to max |ref|.
 */
public record QuantError(double relFrobenius, double maxAbs, double meanAbs, double maxAbsOverMaxRef) {

    public static QuantError of(double[] ref, float[] y) {
        if (ref.length != y.length || ref.length == 0) {
            throw new IllegalArgumentException("reference has " + ref.length + " elements, result " + y.length);
        }
        double num = 0;
        double den = 0;
        double max = 0;
        double sum = 0;
        double refMax = 0;
        for (int i = 0; i < ref.length; i++) {
            double d = Math.abs(y[i] - ref[i]);
            num += d * d;
            den += ref[i] * ref[i];
            max = Math.max(max, d);
            sum += d;
            refMax = Math.max(refMax, Math.abs(ref[i]));
        }
        return new QuantError(Math.sqrt(num / den), max, sum / ref.length, max / refMax);
    }
}
