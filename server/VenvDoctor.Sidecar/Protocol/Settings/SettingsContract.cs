using PolyType;
using StreamJsonRpc;

namespace VenvDoctor.Sidecar.Protocol.Settings;

/// <summary>
/// The interpreter setting (docs/protocol.md §6, "Settings"): the sidecar is the one editor of
/// <c>python.defaultInterpreterPath</c> in a settings file (journaled; <c>venv/undoRepair</c> with the file reverts it)
/// and the one expander of the variables its value may hold.
/// </summary>
[JsonRpcContract, GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
public partial interface ISettingsMethods
{
    [JsonRpcMethod(Methods.SetInterpreterSetting, UseSingleObjectParameterDeserialization = true)]
    Task<SetInterpreterSettingResult> SetInterpreterSettingAsync(SetInterpreterSettingParams? parameters = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(Methods.ExpandSetting, UseSingleObjectParameterDeserialization = true)]
    Task<ExpandSettingResult> ExpandSettingAsync(ExpandSettingParams? parameters = null, CancellationToken cancellationToken = default);
}
