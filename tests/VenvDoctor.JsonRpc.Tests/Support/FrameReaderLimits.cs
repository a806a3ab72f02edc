namespace VenvDoctor.JsonRpc.Tests.Support;

public static class FrameReaderLimits
{
    public const int MaxHeaderBytes = Framing.FrameReader.MaxHeaderBytes;
}
