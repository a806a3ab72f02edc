using VenvDoctor.Core.Repair.Policy;

namespace VenvDoctor.Core.Tests.Repair.Policy;

/// <summary>The one distribution-name normaliser: PEP 503 (runs of -, _, . are one separator; case does not count).</summary>
public sealed class DistributionNameTests
{
    [Theory]
    [InlineData("My.Pkg", "my-pkg")]
    [InlineData("my__pkg", "my-pkg")]
    [InlineData("my-._pkg", "my-pkg")]
    [InlineData("Django", "django")]
    public void Normalize_is_PEP_503(string name, string expected) => Assert.Equal(expected, DistributionName.Normalize(name));

    [Theory]
    [InlineData("zope.interface", "Zope_Interface", true)]
    [InlineData("a-.b", "a_b", true)]
    [InlineData("ab", "a-b", false)]
    public void Same_compares_normalised_forms(string a, string b, bool same) => Assert.Equal(same, DistributionName.Same(a, b));

    [Fact]
    public void The_package_folder_guess_keeps_case_and_only_swaps_dashes() =>
        Assert.Equal("My_Pkg.x", DistributionName.PackageFolderGuess("My-Pkg.x"));
}
