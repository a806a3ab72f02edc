// The environment report, rendered: read-only Markdown documents (`venv-doctor-report:`) opened in VS Code's own
// Markdown preview, so they look like the rest of the editor. The whole report (Show Environment Report) and one
// environment's details (a notification's Details button) go through the same previews; "Copy Report as Markdown"
// puts the whole report's text on the clipboard for an issue.
import * as vscode from 'vscode';
import { Emitter } from '../../common/emitter';
import { plainText } from '../../common/displayText';
import { Strings } from '../../common/strings';
import * as api from '../../common/vscodeApi';

export const REPORT_SCHEME = 'venv-doctor-report';

/** The content provider behind every report preview: one text per document name, replaced on each show. */
export class ReportPreviews implements vscode.TextDocumentContentProvider {
    private readonly texts = new Map<string, string>();
    private readonly changed = new Emitter<vscode.Uri>();

    readonly onDidChange = this.changed.event;

    provideTextDocumentContent(uri: vscode.Uri): string {
        return this.texts.get(uri.path) ?? '';
    }

    /** Shows `text` in the Markdown preview as `name`.md, updating a preview of that name already open. */
    async show(name: string, text: string): Promise<void> {
        // The name (an environment's folder name) is the preview's tab title: escaped, and no `/` to nest the path.
        const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${plainText(name).replace(/[/\\]/g, '_')}.md` });
        this.texts.set(uri.path, text);
        this.changed.fire(uri);
        await api.executeCommand('markdown.showPreview', uri);
    }
}

/** One per extension host (it lives as long as the module): activation registers it as REPORT_SCHEME's provider. */
export const reportPreviews = new ReportPreviews();

export class ReportDocument {
    constructor(private readonly render: () => string) {}

    /** Renders the report now and shows it in the Markdown preview (updating one already open). */
    show(): Promise<void> {
        return reportPreviews.show('Venv Doctor report', this.render());
    }

    async copy(): Promise<void> {
        await api.writeClipboard(this.render());
        void api.showInformationMessage(Strings.reportCopied);
    }
}
