package dev.lockstep.memory.engine;

/** How a Streamer walks a matrix in L2. */
public enum StreamShape {
    /** Lane r carries row r, element by element (the A operand, into the array's rows). */
    ROWS,
    /** Lane c carries column c, element by element (the B operand, into the array's columns). */
    COLUMNS
}
