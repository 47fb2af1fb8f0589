/**
 * The KPU's vector engine on the systolic array's drain path: SFU activation tables with stated error
 * bounds, bias and activation, softmax, layernorm, rmsnorm, elementwise ops, each as a {@link
 * dev.lockstep.kpu.vector.DrainOp} with its own cycle model. See docs/kpu-vector.md.
 */
package dev.lockstep.kpu.vector;
