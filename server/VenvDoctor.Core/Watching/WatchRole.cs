namespace VenvDoctor.Core.Watching;

/// <summary>Why a directory is watched; one directory may serve several roles (a base inside the workspace).</summary>
[Flags]
public enum WatchRole
{
    None = 0,
    /// <summary>A folder of the workspace tree (outside environments): new, removed or renamed folders matter.</summary>
    Tree = 1,
    /// <summary>An environment's root, bin/Scripts or lib: links, pyvenv.cfg and scripts matter.</summary>
    Environment = 2,
    /// <summary>A base interpreter's folder (home, prefix, the folder holding the prefix).</summary>
    Base = 4,
    /// <summary>A folder a diagnosis read below an environment's top levels, or an editable install's source's folder.</summary>
    Input = 8,
}
