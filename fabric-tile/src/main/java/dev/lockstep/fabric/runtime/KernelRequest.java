package dev.lockstep.fabric.runtime;

import dev.lockstep.fabric.device.Tfd;

/**
 * One kernel as the device hands it to a {@link KernelRunner}: the validated descriptor (kernel ID,
 * hints, tile mask, lane count, stride) and the operands, unpacked from their device copies.
 *
 * @param tfd          the validated descriptor; {@code frameLen} is {@code cols}
 * @param rows         outputs wanted: the length of the output buffer
 * @param cols         the depth: trits per input vector and per weight row
 * @param weights      rows x cols trits, row-major
 * @param inputs       cols trits
 * @param accumulators the output buffer's current int32 values: the carried state a BIAS_EN kernel
 *                     (LSTM) starts from; a kernel without BIAS_EN ignores them
 */
public record KernelRequest(Tfd tfd, int rows, int cols, int[] weights, int[] inputs, int[] accumulators) {
}
