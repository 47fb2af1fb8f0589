package dev.lockstep.cosim;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the port list of a verilated top from its generated {@code V<top>.h}. Verilator declares
 * each port with a macro whose suffix gives the C storage: none (32-bit), 8, 16, 64, or W (an array
 * of 32-bit words, with the word count as the fourth argument).
 */
final class VerilatedHeader {
    private static final Pattern PORT = Pattern.compile(
            "\\bVL_(IN|OUT|INOUT)(8|16|64|W)?\\(\\s*&?\\s*(\\w+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

    private VerilatedHeader() {}

    static List<PortInfo> ports(String header) {
        List<PortInfo> ports = new ArrayList<>();
        Matcher m = PORT.matcher(header);
        while (m.find()) {
            PortInfo.Direction dir = PortInfo.Direction.valueOf(m.group(1));
            String kind = m.group(2) == null ? "" : m.group(2);
            int msb = Integer.parseInt(m.group(4));
            int lsb = Integer.parseInt(m.group(5));
            int bytes = switch (kind) {
                case "8" -> 1;
                case "16" -> 2;
                case "" -> 4;
                case "64" -> 8;
                default -> 4 * Integer.parseInt(m.group(6));
            };
            ports.add(new PortInfo(m.group(3), msb, lsb, dir, bytes));
        }
        return ports;
    }
}
