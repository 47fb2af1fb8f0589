/**
 * The KPU memory hierarchy: the external-memory timing interface ({@link dev.lockstep.memory.ExternalMemory})
 * and its latency + bandwidth model ({@link dev.lockstep.memory.SimpleMemory}), and {@link
 * dev.lockstep.memory.MemoryHierarchy}, which builds the address map, DMA engines, BlockMovers and
 * Streamers of a configuration. See docs/memory.md.
 */
package dev.lockstep.memory;
