/** The KPU memory hierarchy: external memory, DMA, L3 tiles, BlockMover, L2 banks, Streamer, L1 buffers. Models arrive with the memory-hierarchy issue. */
package dev.lockstep.memory;
