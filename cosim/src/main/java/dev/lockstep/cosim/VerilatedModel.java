package dev.lockstep.cosim;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A live instance of a verilated design, loaded through FFM. Ports are read and written in place
 * ({@link Port}); {@link #tick()} is one native call per rising edge.
 *
 * <p>Not thread-safe: drive one instance from one thread at a time. Several instances, of the same or
 * different designs, may coexist; each owns its Verilator context.
 */
public final class VerilatedModel implements AutoCloseable {
    private static final Linker LINKER = Linker.nativeLinker();
    // Address-taking handles are created once for all libraries, so they are constants the JIT can inline;
    // critical: these calls are short and never call back into Java, so skip the thread-state transition.
    private static final MethodHandle VOID_OF_PTR = LINKER.downcallHandle(
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS), Linker.Option.critical(false));
    private static final MethodHandle PTR_OF_VOID = LINKER.downcallHandle(FunctionDescriptor.of(ValueLayout.ADDRESS));
    private static final MethodHandle INT_OF_VOID = LINKER.downcallHandle(FunctionDescriptor.of(ValueLayout.JAVA_INT));
    private static final MethodHandle PTR_OF_PTR_INT = LINKER.downcallHandle(
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private final RtlDesign design;
    private final Arena arena;
    private final MemorySegment handle;
    private final MemorySegment tickFn;
    private final MemorySegment evalFn;
    private final MemorySegment destroyFn;
    private final Map<String, Port> ports;
    private boolean closed;

    private VerilatedModel(RtlDesign design, Arena arena, MemorySegment handle, SymbolLookup lib,
                           Map<String, Port> ports) {
        this.design = design;
        this.arena = arena;
        this.handle = handle;
        this.tickFn = symbol(lib, "ls_tick");
        this.evalFn = symbol(lib, "ls_eval");
        this.destroyFn = symbol(lib, "ls_destroy");
        this.ports = ports;
    }

    /** Builds (or takes from the cache) and loads a design with the default builder. */
    public static VerilatedModel open(RtlDesign design) {
        return load(ModelBuilder.defaults().build(design));
    }

    /** Loads a built library and creates a fresh instance, all registers at their initial values. */
    public static VerilatedModel load(BuiltModel built) {
        Arena arena = Arena.ofShared();
        try {
            SymbolLookup lib = SymbolLookup.libraryLookup(built.library(), arena);
            int abi = (int) INT_OF_VOID.invokeExact(symbol(lib, "ls_abi_version"));
            if (abi != WrapperSource.ABI_VERSION) {
                throw new CosimException(built.library() + " has wrapper ABI " + abi + ", expected "
                        + WrapperSource.ABI_VERSION + "; delete it from the cache to rebuild");
            }
            MemorySegment text = (MemorySegment) PTR_OF_VOID.invokeExact(symbol(lib, "ls_ports"));
            List<PortInfo> infos = parsePorts(text.reinterpret(Long.MAX_VALUE).getString(0));
            MemorySegment handle = (MemorySegment) PTR_OF_VOID.invokeExact(symbol(lib, "ls_create"));
            MemorySegment portFn = symbol(lib, "ls_port");
            Map<String, Port> ports = new LinkedHashMap<>();
            for (int i = 0; i < infos.size(); i++) {
                PortInfo info = infos.get(i);
                MemorySegment addr = (MemorySegment) PTR_OF_PTR_INT.invokeExact(portFn, handle, i);
                // Scoped to the arena: a port used after close() fails cleanly instead of touching freed memory.
                ports.put(info.name(), new Port(info, addr.reinterpret(info.bytes(), arena, null)));
            }
            return new VerilatedModel(built.design(), arena, handle, lib, Collections.unmodifiableMap(ports));
        } catch (CosimException e) {
            arena.close();
            throw e;
        } catch (IllegalArgumentException e) {
            arena.close();
            throw new CosimException("cannot load " + built.library() + ": " + e.getMessage(), e);
        } catch (Throwable t) {
            arena.close();
            throw new CosimException("cannot initialise " + built.library() + ": " + t, t);
        }
    }

    private static MemorySegment symbol(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new CosimException("library lacks " + name + "; not built by Lockstep"));
    }

    private static List<PortInfo> parsePorts(String text) {
        List<PortInfo> list = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(" ");
            list.add(new PortInfo(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    PortInfo.Direction.valueOf(f[1]), Integer.parseInt(f[4])));
        }
        return list;
    }

    public RtlDesign design() {
        return design;
    }

    /**
     * @throws CosimException naming the known ports if there is no port of that name
     */
    public Port port(String name) {
        Port p = ports.get(name);
        if (p == null) {
            throw new CosimException("design '" + design.top() + "' has no port '" + name + "'; its ports are "
                    + ports.keySet());
        }
        return p;
    }

    /** All ports in declaration order of the generated header. */
    public List<Port> ports() {
        return List.copyOf(ports.values());
    }

    /** One rising clock edge: clock 1, evaluate, clock 0, evaluate. Outputs then show the new state. */
    public void tick() {
        requireOpen();
        try {
            VOID_OF_PTR.invokeExact(tickFn, handle);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Settles combinational logic after pokes, without a clock edge. */
    public void eval() {
        requireOpen();
        try {
            VOID_OF_PTR.invokeExact(evalFn, handle);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Holds the design's reset input high for {@code cycles} rising edges, then releases it. */
    public void reset(int cycles) {
        if (design.reset() == null) {
            throw new CosimException("design '" + design.top() + "' was declared without a reset input");
        }
        Port rst = port(design.reset());
        rst.poke(1);
        for (int i = 0; i < cycles; i++) {
            tick();
        }
        rst.poke(0);
        eval();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("model '" + design.top() + "' is closed");
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** Runs final blocks, frees the instance and unloads the library; the ports become unusable. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            VOID_OF_PTR.invokeExact(destroyFn, handle);
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            arena.close();
        }
    }
}
