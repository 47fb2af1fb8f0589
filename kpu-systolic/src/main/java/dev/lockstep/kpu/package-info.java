/** The KPU systolic array and its compute tiles. Models arrive with the systolic-array issue. */
package dev.lockstep.kpu;
