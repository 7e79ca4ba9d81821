package io.onionpanel.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.cli.OnionPanelCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The macOS launchd agent and the Windows logon task (installer/macos, installer/windows): configured and documented,
 * never run on those systems (none here). What can be checked here: both parse as XML, have the shape launchd and
 * Task Scheduler read, and run this program's {@code daemon} command, as the Linux units do.
 */
class LoginAgentFilesTest {
    @Test
    void theLaunchdAgentRunsTheDaemonAtLoginAndAgainAfterAFailure() throws Exception {
        Document plist = parse(Path.of("installer/macos/io.onionpanel.engine.plist"));
        assertEquals("plist", plist.getDocumentElement().getTagName());
        Map<String, Element> dict = dict(child(plist.getDocumentElement(), "dict"));
        assertEquals("io.onionpanel.engine", dict.get("Label").getTextContent());
        List<String> program = new ArrayList<>();
        for (Element s : children(dict.get("ProgramArguments"))) {
            assertEquals("string", s.getTagName());
            program.add(s.getTextContent());
        }
        assertEquals("/Applications/onion-panel.app/Contents/MacOS/onion-panel", program.get(0),
                "jpackage's bundle: --name onion-panel (installer/jpackage/common.args)");
        assertEquals("daemon", OnionPanelCli.invokedCommand(program.subList(1, program.size()).toArray(String[]::new)));
        assertEquals("true", dict.get("RunAtLoad").getTagName());
        assertEquals("false", dict(dict.get("KeepAlive")).get("SuccessfulExit").getTagName(),
                "restarted when it fails, not after a stop (exit 0)");
        assertEquals("63", dict.get("Umask").getTextContent(), "0077");
    }

    @Test
    void theWindowsTaskRunsTheDaemonAtLogonWithoutATimeLimit() throws Exception {
        Document task = parse(Path.of("installer/windows/onion-panel-logon-task.xml"));
        Element root = task.getDocumentElement();
        assertEquals("Task", root.getTagName());
        assertEquals("http://schemas.microsoft.com/windows/2004/02/mit/task", root.getNamespaceURI());
        assertNotNull(child(child(root, "Triggers"), "LogonTrigger"));
        Element principal = child(child(root, "Principals"), "Principal");
        assertEquals("LeastPrivilege", child(principal, "RunLevel").getTextContent(), "no administrator rights");
        Element settings = child(root, "Settings");
        assertEquals("PT0S", child(settings, "ExecutionTimeLimit").getTextContent(), "Task Scheduler's default stops it after 72 h");
        assertEquals("IgnoreNew", child(settings, "MultipleInstancesPolicy").getTextContent());
        assertNotNull(child(settings, "RestartOnFailure"));
        Element exec = child(child(root, "Actions"), "Exec");
        String command = child(exec, "Command").getTextContent();
        assertTrue(command.equals("%LOCALAPPDATA%\\onion-panel\\onion-panel.exe"),
                "the per-user .msi's GUI launcher (installer/jpackage/windows-msi.args): " + command);
        String[] arguments = child(exec, "Arguments").getTextContent().strip().split("\\s+");
        assertEquals("daemon", OnionPanelCli.invokedCommand(arguments));
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // The plist's DOCTYPE names Apple's DTD: not fetched.
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        return b.parse(file.toFile()); // throws on anything not well-formed
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getLocalName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">"));
    }

    /** A plist dict: each key element followed by its value element. */
    private static Map<String, Element> dict(Element dict) {
        assertEquals("dict", dict.getTagName());
        List<Element> items = children(dict);
        Map<String, Element> map = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            assertEquals("key", items.get(i).getTagName());
            map.put(items.get(i).getTextContent(), items.get(i + 1));
        }
        return map;
    }
}
