package io.onionpanel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onionpanel.common.ValidationException;
import io.onionpanel.defense.NewServiceDefenses;
import io.onionpanel.defense.PowSupport;
import io.onionpanel.onion.OnionServices;
import io.onionpanel.onion.ServiceInfo;
import io.onionpanel.onion.ServiceValidation;
import io.onionpanel.settings.DosDefenses;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code service add|edit|rename|list|remove}: changes settings only; a running instance follows within seconds. */
@Command(name = "service", description = "Create, change, list and remove onion services.",
        subcommands = {ServiceCommand.Add.class, ServiceCommand.Edit.class, ServiceCommand.Rename.class,
                ServiceCommand.ListServices.class, ServiceCommand.Remove.class, ServiceExportCommand.class})
public final class ServiceCommand {
    @ParentCommand
    OnionPanelCli root;

    OnionServices services() {
        return new OnionServices(root.dataDir());
    }

    /** Refuses proof-of-work when the tor these settings would use has no pow module, with how to get one. */
    void requirePowIfNeeded(DosDefenses d) {
        if (d.pow()) {
            PowSupport.forSettings(root.dataDir(), root.settingsStore().load().tor()).require(d);
        }
    }

    static String describeDefenses(ServiceConfig s) {
        var options = io.onionpanel.tor.DefenseOptions.of(s.defenses());
        return options.isEmpty() ? "" : "; defences: " + options.stream()
                .map(io.onionpanel.tor.DefenseOptions.Option::torrcLine).collect(Collectors.joining(", "));
    }

    static List<PortMapping> parsePorts(List<String> specs) {
        return ServiceValidation.mergeMappings(specs.stream().map(ServiceValidation::parseMapping).toList());
    }

    static String describePorts(List<PortMapping> ports) {
        return PortMapping.describe(ports);
    }

    @Command(name = "add", description = "Add a service, e.g.: service add routstr --port 80=127.0.0.1:8000")
    static final class Add implements Runnable {
        @ParentCommand ServiceCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--port", paramLabel = "VIRT=TARGET", required = true,
                description = "Virtual port and target (host:port or unix:/path); repeat for more, the same VIRT twice = load balancing")
        List<String> ports;
        @Mixin DefenseFlags defenses;

        @Override
        public void run() {
            List<PortMapping> parsed = parsePorts(ports);
            // --no-pow needs no tor: the others ask the tor the settings would use (for the default, and --pow's check).
            PowSupport support = Boolean.FALSE.equals(defenses.pow) ? null
                    : PowSupport.forSettings(parent.root.dataDir(), parent.root.settingsStore().load().tor());
            var d = defenses.applyTo(support == null ? DosDefenses.NONE : NewServiceDefenses.of(support));
            if (d.pow()) {
                support.require(d);
            }
            ServiceConfig s = parent.services().add(name, parsed, d);
            spec.commandLine().getOut().println("Added service '" + s.name() + "' (" + describePorts(s.ports()) + ")"
                    + describeDefenses(s) + ". " + powSentence(s.name(), d, support)
                    + parent.services().folders().address(s.name()).map(a -> " Its address: " + a).orElse(""));
        }

        /** Says whether proof-of-work is on, and when the default left it off, why (the tor has no pow module). */
        private static String powSentence(String name, DosDefenses d, PowSupport support) {
            if (d.pow()) {
                return "Proof-of-work: on (turn it off with: service edit " + name + " --no-pow).";
            }
            if (support == null || support.available()) {
                return "Proof-of-work: off.";
            }
            return "Proof-of-work: off. " + support.reason();
        }
    }

    @Command(name = "edit", description = "Change a service; --port replaces all its mappings.")
    static final class Edit implements Runnable {
        @ParentCommand ServiceCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--port", paramLabel = "VIRT=TARGET") List<String> ports;
        @ArgGroup(exclusive = true) Toggle toggle;
        @Mixin DefenseFlags defenses;

        static final class Toggle {
            @Option(names = "--enable", required = true) boolean enable;
            @Option(names = "--disable", required = true) boolean disable;
        }

        @Override
        public void run() {
            Optional<List<PortMapping>> newPorts = ports == null ? Optional.empty() : Optional.of(parsePorts(ports));
            Optional<Boolean> enabled = toggle == null ? Optional.empty() : Optional.of(toggle.enable);
            if (newPorts.isEmpty() && enabled.isEmpty() && !defenses.any()) {
                throw new ValidationException("Nothing to change: give --port, --enable, --disable or a defence option");
            }
            ServiceValidation.requireName(name);
            ServiceConfig current = parent.root.settingsStore().load().service(name)
                    .orElseThrow(() -> new ValidationException("There is no service named '" + name + "'"));
            var d = defenses.applyTo(current.defenses());
            if (defenses.turnsPowOn(current.defenses())) {
                // Onionbalance's descriptors carry no PoW: a frontend or backend is refused before any change.
                io.onionpanel.balance.BalanceRules.requireSupported(current.withDefenses(d));
                parent.requirePowIfNeeded(d);
            }
            ServiceConfig s = newPorts.isEmpty() && enabled.isEmpty() ? current
                    : parent.services().edit(name, newPorts, enabled);
            if (!d.equals(s.defenses())) {
                s = parent.services().setDefenses(s.name(), d);
            }
            spec.commandLine().getOut().println("Service '" + s.name() + "' is " + (s.enabled() ? "enabled" : "disabled")
                    + " (" + describePorts(s.ports()) + ")" + describeDefenses(s) + ".");
        }
    }

    @Command(name = "rename", description = "Rename a service; its keys, and so its address, stay.")
    static final class Rename implements Runnable {
        @ParentCommand ServiceCommand parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", paramLabel = "NEW_NAME") String newName;

        @Override
        public void run() {
            parent.services().rename(name, newName);
            spec.commandLine().getOut().println("Renamed '" + name + "' to '" + newName + "'.");
        }
    }

    @Command(name = "list", description = "List services with their onion addresses.")
    static final class ListServices implements Runnable {
        @ParentCommand ServiceCommand parent;
        @Spec CommandSpec spec;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            List<ServiceInfo> list = parent.services().list();
            if (json) {
                out.println(toJson(list));
                return;
            }
            if (list.isEmpty()) {
                out.println("No services. Add one: service add NAME --port 80=127.0.0.1:8000");
            }
            for (ServiceInfo s : list) {
                out.printf("%-20s %-8s %-62s %s%s%n", s.name(), s.enabled() ? "enabled" : "disabled",
                        s.onion() == null ? "(no keys yet: made at its first run)" : s.onion(), describePorts(s.ports()),
                        s.pow() ? "; proof-of-work on" : "");
            }
        }

        static String toJson(List<ServiceInfo> list) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode array = mapper.createArrayNode();
            for (ServiceInfo s : list) {
                ObjectNode o = array.addObject();
                o.put("name", s.name());
                o.put("onion", s.onion());
                o.put("enabled", s.enabled());
                o.put("pow", s.pow());
                ArrayNode ports = o.putArray("ports");
                for (PortMapping p : s.ports()) {
                    ObjectNode po = ports.addObject();
                    po.put("virtual", p.virtualPort());
                    p.targets().forEach(po.putArray("targets")::add);
                }
            }
            return array.toString();
        }
    }

    @Command(name = "remove", description = "Remove a service; its keys move to <data>/removed/, never deleted.")
    static final class Remove implements Runnable {
        @ParentCommand ServiceCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public void run() {
            var archived = parent.services().remove(name);
            spec.commandLine().getOut().println("Removed service '" + name + "'."
                    + archived.map(p -> " Its keys were kept in " + p + ".").orElse(""));
        }
    }
}
