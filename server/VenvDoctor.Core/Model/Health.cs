namespace VenvDoctor.Core.Model;

/// <summary>Overall state of an environment: the worst severity among its findings.</summary>
public enum Health { Ok, Warning, Broken }

/// <summary>How serious one finding is. Wire names: info, warning, error.</summary>
public enum Severity { Info, Warning, Error }
