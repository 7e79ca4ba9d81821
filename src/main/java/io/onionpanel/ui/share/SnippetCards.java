package io.onionpanel.ui.share;

import io.onionpanel.share.ClientSnippets;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.common.Spacer;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The client set-ups (curl, Python, Node) as copyable cards, or a line saying they come with an address. */
final class SnippetCards {
    private SnippetCards() {
    }

    static List<Node> of(Optional<String> onion, int virtualPort, int socksPort) {
        if (onion.isEmpty()) {
            Label none = new Label("The snippets appear once the service has an address.");
            none.getStyleClass().add("muted");
            return List.of(none);
        }
        return ClientSnippets.of(onion.get(), virtualPort, socksPort).stream().map(SnippetCards::card).toList();
    }

    private static Node card(ClientSnippets.Snippet s) {
        Label title = new Label(s.title());
        title.getStyleClass().add("card-title");
        TextArea code = new TextArea(s.code());
        code.setId("snippet-" + s.id());
        code.setEditable(false);
        code.getStyleClass().add("mono");
        long lines = s.code().lines().count();
        code.setPrefRowCount((int) lines + (lines > 1 ? 1 : 0));
        code.setWrapText(lines == 1);
        Button copy = new Button("Copy");
        copy.setId("snippet-copy-" + s.id());
        copy.setOnAction(e -> Notifier.copy(s.code()));
        HBox head = new HBox(8, title, Spacer.horizontal(), copy);
        head.setAlignment(Pos.CENTER_LEFT);
        Label note = new Label(s.note());
        note.setId("snippet-note-" + s.id());
        note.setWrapText(true);
        note.getStyleClass().add("muted");
        VBox box = new VBox(6, head, code, note);
        box.getStyleClass().add("card");
        return box;
    }
}
