package dev.lockstep.cosim;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The RTL seen through a schema: one port per signal, checked against the design once, up front. */
final class RtlSide {
    private final VerilatedModel model;
    private final Port[] in;
    private final Port[] out;

    RtlSide(VerilatedModel model, CosimSchema schema) {
        this.model = model;
        this.in = bind(model, schema, schema.inputs(), PortInfo.Direction.IN);
        this.out = bind(model, schema, schema.outputs(), PortInfo.Direction.OUT);
        Set<String> named = new HashSet<>();
        schema.inputs().forEach(s -> named.add(s.name()));
        schema.outputs().forEach(s -> named.add(s.name()));
        for (Port p : model.ports()) {
            if (!named.contains(p.name()) && !p.name().equals(model.design().clock())) {
                // An undriven input would silently sit at 0 and an unread output would never be checked.
                throw new CosimException("harness " + schema.block() + " does not cover RTL port " + p
                        + " of '" + model.design().top() + "'");
            }
        }
    }

    private static Port[] bind(VerilatedModel model, CosimSchema schema, List<SignalSpec> signals,
                               PortInfo.Direction direction) {
        Port[] ports = new Port[signals.size()];
        for (int i = 0; i < ports.length; i++) {
            SignalSpec s = signals.get(i);
            Port p = model.port(s.name());
            if (p.info().direction() != direction || p.width() != s.width()) {
                throw new CosimException("harness " + schema.block() + " declares " + direction + " " + s.name()
                        + " of " + s.width() + " bits, but the RTL port is " + p);
            }
            ports[i] = p;
        }
        return ports;
    }

    void apply(long[] values) {
        for (int i = 0; i < in.length; i++) {
            in[i].poke(values[i]);
        }
    }

    void tick() {
        model.tick();
    }

    void sample(long[] values) {
        for (int i = 0; i < out.length; i++) {
            values[i] = out[i].peek();
        }
    }
}
