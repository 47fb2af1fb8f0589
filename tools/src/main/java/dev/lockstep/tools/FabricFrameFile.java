package dev.lockstep.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.sim.config.Check;
import dev.lockstep.sim.config.ConfigException;
import dev.lockstep.sim.config.Defaulted;

import java.util.List;
import java.util.Locale;

/**
 * The input of `lockstep fabric run` (docs/fabric-kernels.md, "Frame files"): the fabric's shape, the
 * bank words to load per tile and the frames to run in order. Register values are JSON integers or
 * strings in hex ("0x00060001"); bank words are hex strings ("0x0000C4") or 15-character trit strings
 * ("+-0+-0000000000", lane 0 first).
 */
record FabricFrameFile(int tiles, @Defaulted Integer lanes, @Defaulted String mapping, @Defaulted List<Bank> sram,
                       List<Frame> frames) {
    FabricFrameFile {
        Check.range("tiles", tiles, 1, 32);
        lanes = lanes == null ? 15 : Check.range("lanes", lanes, 1, 15);
        mapping = mapping == null ? "A" : mapping;
        if (!mapping.equals("A") && !mapping.equals("B")) {
            throw new ConfigException("mapping", "'" + mapping + "', allowed A or B");
        }
        sram = sram == null ? List.of() : List.copyOf(sram);
        for (int i = 0; i < sram.size(); i++) {
            if (sram.get(i).tile() >= tiles) {
                throw new ConfigException("sram[" + i + "].tile", sram.get(i).tile() + ", allowed 0.." + (tiles - 1));
            }
        }
        if (frames.isEmpty()) {
            throw new ConfigException("frames", "empty, at least one frame is required");
        }
        frames = List.copyOf(frames);
    }

    /** Words loaded into one bank of one tile from word {@code base} on. */
    record Bank(int tile, String bank, @Defaulted Integer base, List<String> words) {
        Bank {
            Check.range("tile", tile, 0, 31);
            if (!bank.equals("weights") && !bank.equals("inputs")) {
                throw new ConfigException("bank", "'" + bank + "', allowed weights or inputs");
            }
            base = base == null ? 0 : Check.range("base", base, 0, 4095);
            if (base + words.size() > 4096) {
                throw new ConfigException("words", words.size() + " words from word " + base
                        + " run past word 4095");
            }
            words = List.copyOf(words);
        }

        /** The 24-bit word of entry i, or a ConfigException naming words[i]. */
        int word(int i, String mapping) {
            String s = words.get(i).trim();
            String where = "words[" + i + "]";
            if (s.startsWith("0x") || s.startsWith("0X")) {
                long v;
                try {
                    v = Long.parseLong(s.substring(2), 16);
                } catch (NumberFormatException e) {
                    throw new ConfigException(where, "'" + s + "' is not a hex number");
                }
                if (v > 0xFF_FFFF) {
                    throw new ConfigException(where, "'" + s + "' has more than 24 bits");
                }
                return (int) v;
            }
            if (s.length() != 15) {
                throw new ConfigException(where, "'" + s + "': a word is 0x followed by hex digits, or 15 trits of + - 0");
            }
            int[] trits = new int[15];
            for (int l = 0; l < 15; l++) {
                trits[l] = switch (s.charAt(l)) {
                    case '+' -> 1;
                    case '-' -> -1;
                    case '0' -> 0;
                    default -> throw new ConfigException(where, "'" + s + "': character " + l + " is '"
                            + s.charAt(l) + "', allowed + - 0");
                };
            }
            return dev.lockstep.fabric.pt5.Pt5Codec.packWord(trits, 0,
                    dev.lockstep.fabric.pt5.Pt5Mapping.valueOf(mapping));
        }
    }

    /** One START: the frame registers. Optional ones default to stride 1, all 15 lanes, tile 0 only. */
    record Frame(JsonNode base, JsonNode depth, @Defaulted JsonNode stride, JsonNode hints,
                 @Defaulted JsonNode laneCount, @Defaulted JsonNode laneMask, @Defaulted JsonNode tileMask) {
        Frame {
            register("base", base, 0, 0xFFFF_FFFFL);
            register("depth", depth, 0, 0xFFFF);
            register("stride", stride, 0, 0xFF);
            register("hints", hints, 0, 0xFFFF_FFFFL);
            register("laneCount", laneCount, 0, 0xFFFF);
            register("laneMask", laneMask, 0, 0x7FFF);
            register("tileMask", tileMask, 0, 0xFFFF_FFFFL);
        }

        long value(String name, JsonNode node, long absent) {
            return node == null ? absent : register(name, node, 0, 0xFFFF_FFFFL);
        }

        private static long register(String name, JsonNode node, long min, long max) {
            if (node == null) {
                return min;
            }
            long v;
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                v = node.asLong();
            } else if (node.isTextual()) {
                String s = node.asText().trim().toLowerCase(Locale.ROOT);
                try {
                    v = s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
                } catch (NumberFormatException e) {
                    throw new ConfigException(name, "'" + node.asText() + "' is not a number (decimal or 0x hex)");
                }
            } else {
                throw new ConfigException(name, node + " is not an integer or a \"0x...\" string");
            }
            if (v < min || v > max) {
                throw new ConfigException(name, node.asText() + " (" + v + "), allowed " + min + ".." + max);
            }
            return v;
        }
    }
}
