using VenvDoctor.Core.Repair.Actions;
using VenvDoctor.Core.Repair.Policy;

namespace VenvDoctor.Core.Tests.Repair.Policy;

/// <summary>What an install record may hand to pip: PEP 508 names, plain versions, URLs pip records for a local install.</summary>
public class InstallRecordPolicyTests
{
    [Theory]
    [InlineData("requests"), InlineData("A"), InlineData("zope.interface"), InlineData("typing_extensions"), InlineData("Flask-SQLAlchemy"), InlineData("x1")]
    public void Pep508_names_are_valid(string name) => Assert.True(DistributionName.IsValid(name));

    [Theory]
    [InlineData(null), InlineData(""), InlineData("-e"), InlineData("--index-url=http://evil"), InlineData("two words"), InlineData("name-"), InlineData(".hidden"),
     InlineData("a/b"), InlineData("na\nme"), InlineData("pkg @ file:///x"), InlineData("pkg==1.0"), InlineData("néme")]
    public void Anything_else_is_not_a_distribution_name(string? name) => Assert.False(DistributionName.IsValid(name));

    [Theory]
    [InlineData("file:///home/u/project"), InlineData("https://files.example/pkg-1.0.tar.gz"), InlineData("git+https://github.com/o/r@abc123"), InlineData("git+ssh://git@github.com/o/r")]
    public void Urls_pip_records_are_accepted(string url) => Assert.True(InstallRecordPolicy.IsAcceptableUrl(url));

    [Theory]
    [InlineData("--trusted-host evil"), InlineData("-r/etc/passwd"), InlineData("relative/path"), InlineData("ftp://x/y"), InlineData("ssh://host/x"),
     InlineData("file:///a b"), InlineData("https://x/\n--index-url=y"), InlineData(""),
     InlineData("https://x/$(id)"), InlineData("https://x/`id`"), InlineData("file:///x;id"), InlineData("file:///x|id")]
    public void Other_urls_are_refused(string url) => Assert.False(InstallRecordPolicy.IsAcceptableUrl(url));

    [Fact]
    public void A_distribution_reaches_pip_only_when_name_version_and_url_are_valid()
    {
        Assert.Null(InstallRecordPolicy.Problem(new InstalledDistribution("requests", "2.31.0", null, false)));
        Assert.Null(InstallRecordPolicy.Problem(new InstalledDistribution("proj", "0.1", "file:///home/u/proj", true)));
        Assert.Contains("not a valid distribution name", InstallRecordPolicy.Problem(new InstalledDistribution("--pre", "1", null, false)));
        Assert.Contains("not a valid version", InstallRecordPolicy.Problem(new InstalledDistribution("ok", "--pre", null, false)));
        Assert.Contains("not one pip records", InstallRecordPolicy.Problem(new InstalledDistribution("ok", "1", "-e /x", false)));
        Assert.Contains("does not point at a local folder", InstallRecordPolicy.Problem(new InstalledDistribution("ok", "1", "https://x/y", true)));
    }
}
