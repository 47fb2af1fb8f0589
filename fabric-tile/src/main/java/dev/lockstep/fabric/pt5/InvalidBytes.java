package dev.lockstep.fabric.pt5;

/** What the decoder does with bytes that are not PT-5 codes and with a tail byte's unused digits. */
public enum InvalidBytes {
    /**
     * Bytes 243..255 fail with ERR_PACK, and so does a tail byte whose digits past the last trit
     * read are not the padding trit 0 (the spec's "zero-padded", tfmbs.md 1.4). Catching the tail
     * also catches most A/B mix-ups and the C emulator's unwritten tail bytes.
     */
    REJECT,
    /**
     * As the original RTL, mock and reference_tfmbs.c: byte b >= 243 decodes as b - 243 (the residue
     * above the fifth digit is dropped, tfmbs.md 1.3) and a tail byte's unused digits are not looked at.
     */
    RTL_COMPAT
}
