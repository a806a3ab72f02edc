using System.Text.Json;
using VenvDoctor.Core.Repair;
using VenvDoctor.Core.Repair.Rewriting;

namespace VenvDoctor.Core.Tests.Repair;

/// <summary>The minimal edit of a <c>*.code-workspace</c> file's <c>settings</c> object (JsoncEdit).</summary>
public class WorkspaceSettingEditTests
{
    private const string Key = "python.defaultInterpreterPath";

    private static string Read(string text) =>
        JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            .RootElement.GetProperty("settings").GetProperty(Key).GetString()!;

    [Fact]
    public void An_existing_value_in_settings_is_replaced_in_place_and_nothing_else_changes()
    {
        const string text = "{\n  // team file\n  \"folders\": [{ \"path\": \".\" }],\n  \"settings\": { \"python.defaultInterpreterPath\": \"/old/bin/python\", \"a\": 1, },\n}\n";
        var updated = JsoncEdit.SetWorkspaceSettingString(text, Key, "/new place/bin/python");
        Assert.Equal(text.Replace("/old/bin/python", "/new place/bin/python"), updated);
    }

    [Fact]
    public void A_workspace_without_settings_gets_the_object_and_one_without_the_key_gets_the_member()
    {
        var noSettings = JsoncEdit.SetWorkspaceSettingString("{\n    \"folders\": []\n}\n", Key, "/p/bin/python");
        Assert.Equal("/p/bin/python", Read(noSettings));
        Assert.StartsWith("{\n    \"folders\": [],\n    \"settings\": {", noSettings);
        var withoutKey = JsoncEdit.SetWorkspaceSettingString("{ \"settings\": { /* none yet */ } }", Key, "/q/bin/python");
        Assert.Equal("/q/bin/python", Read(withoutKey));
        Assert.Contains("/* none yet */", withoutKey);
    }

    [Fact]
    public void Settings_that_is_not_an_object_or_a_file_that_is_not_one_is_refused()
    {
        Assert.Throws<RepairException>(() => JsoncEdit.SetWorkspaceSettingString("{ \"settings\": [] }", Key, "/p"));
        Assert.Throws<RepairException>(() => JsoncEdit.SetWorkspaceSettingString("[1]", Key, "/p"));
        Assert.Throws<RepairException>(() => JsoncEdit.SetWorkspaceSettingString("", Key, "/p"));
    }
}
