package dev.lockstep.memory.map;

/** What a region of the address map is; engines check their endpoints against it. */
public enum RegionKind {
    HOST("host"),
    EXTERNAL("external"),
    L3("l3"),
    L2("l2"),
    L1("l1");

    private final String label;

    RegionKind(String label) {
        this.label = label;
    }

    /** Lower-case name used in region names, messages and configuration. */
    public String label() {
        return label;
    }
}
