// The environment report, rendered: a read-only Markdown document (`venv-doctor-report:`) opened in VS Code's own
// Markdown preview, so it looks like the rest of the editor, and "Copy Report as Markdown" puts the same text on the
// clipboard for an issue.
import * as vscode from 'vscode';
import { Emitter } from '../../common/emitter';
import { Strings } from '../../common/strings';
import * as api from '../../common/vscodeApi';

export const REPORT_SCHEME = 'venv-doctor-report';

export class ReportDocument implements vscode.TextDocumentContentProvider {
    private text = '';
    private readonly changed = new Emitter<vscode.Uri>();

    readonly onDidChange = this.changed.event;
    readonly uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: '/Venv Doctor report.md' });

    constructor(private readonly render: () => string) {}

    provideTextDocumentContent(): string {
        return this.text;
    }

    /** Renders the report now and shows it in the Markdown preview (updating one already open). */
    async show(): Promise<void> {
        this.text = this.render();
        this.changed.fire(this.uri);
        await api.executeCommand('markdown.showPreview', this.uri);
    }

    async copy(): Promise<void> {
        await api.writeClipboard(this.render());
        void api.showInformationMessage(Strings.reportCopied);
    }

    dispose(): void {
        this.changed.dispose();
    }
}
