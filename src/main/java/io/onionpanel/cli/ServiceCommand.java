package io.onionpanel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onionpanel.actions.LocalPanelActions;
import io.onionpanel.actions.PanelActions;
import io.onionpanel.common.json.JsonCodec;
import io.onionpanel.onion.ServiceInfo;
import io.onionpanel.settings.DosDefenses;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code service add|edit|rename|list|remove}: changes settings only, through {@link PanelActions} (this data folder,
 * or the engine chosen with --engine-socket / --attach-system / --remote); a running instance follows at once.
 */
@Command(name = "service", description = "Create, change, list and remove onion services.",
        subcommands = {ServiceCommand.Add.class, ServiceCommand.Edit.class, ServiceCommand.Rename.class,
                ServiceCommand.ListServices.class, ServiceCommand.Remove.class, ServiceExportCommand.class})
public final class ServiceCommand {
    @ParentCommand
    OnionPanelCli root;

    /** The services of the chosen engine (this data folder's, or another one's through its control socket). */
    <T> T withActions(java.util.function.Function<PanelActions, T> work) {
        return root.withActions(work);
    }

    static String describeDefenses(ServiceConfig s) {
        var options = io.onionpanel.tor.DefenseOptions.of(s.defenses());
        return options.isEmpty() ? "" : "; defences: " + options.stream()
                .map(io.onionpanel.tor.DefenseOptions.Option::torrcLine).collect(Collectors.joining(", "));
    }

    static List<PortMapping> parsePorts(List<String> specs) {
        return LocalPanelActions.parsePorts(specs);
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
            PanelActions.AddedService added = parent.withActions(a -> a.addService(name, ports, defenses.changes()));
            ServiceConfig s = added.service();
            spec.commandLine().getOut().println("Added service '" + s.name() + "' (" + describePorts(s.ports()) + ")"
                    + describeDefenses(s) + ". " + powSentence(s.name(), s.defenses(), added.powUnavailable())
                    + (added.address() == null ? "" : " Its address: " + added.address()));
        }

        /** Says whether proof-of-work is on, and when the default left it off, why (the tor has no pow module). */
        private static String powSentence(String name, DosDefenses d, String powUnavailable) {
            if (d.pow()) {
                return "Proof-of-work: on (turn it off with: service edit " + name + " --no-pow).";
            }
            return powUnavailable == null ? "Proof-of-work: off." : "Proof-of-work: off. " + powUnavailable;
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
            Boolean enabled = toggle == null ? null : toggle.enable;
            ServiceConfig s = parent.withActions(a -> a.editService(name, ports, enabled, defenses.changes()));
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
            parent.withActions(a -> {
                a.renameService(name, newName);
                return null;
            });
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
            List<ServiceInfo> list = parent.withActions(PanelActions::services);
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
            ArrayNode array = JsonCodec.arrayNode();
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
            return JsonCodec.STANDARD.writeValueAsString(array);
        }
    }

    @Command(name = "remove", description = "Remove a service; its keys move to <data>/removed/, never deleted.")
    static final class Remove implements Runnable {
        @ParentCommand ServiceCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public void run() {
            PanelActions.RemovedService removed = parent.withActions(a -> a.removeService(name));
            spec.commandLine().getOut().println("Removed service '" + name + "'."
                    + (removed.keptIn() == null ? "" : " Its keys were kept in " + removed.keptIn() + "."));
        }
    }
}
