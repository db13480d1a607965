using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Benchmarks;

/// <summary>CTIP codec throughput on a realistic mixed event stream (calls on several extensions plus an SMS).</summary>
[MemoryDiagnoser]
public class CtipBenchmarks
{
    private const string Stream =
        "aSTAT 201_ h f d l a p c q\r\n" +
        "aRING 201_ 0612345678 5001 201 _ ACME_Ltd\r\n" +
        "aRING 202_ 0612345678 5001 201 _ ACME_Ltd\r\n" +
        "aRING 203_ 0612345678 5001 201 _ ACME_Ltd\r\n" +
        "aSTAT 201_ H f d l a p c q\r\n" +
        "aCONN 201_ 0612345678 5001\r\n" +
        "aREL 202_ 39\r\n" +
        "aREL 203_ 39\r\n" +
        "aRECB 201_ 123456700\r\n" +
        "aAOC 201_ 0.38\r\n" +
        "t\r\n" +
        "aREL 201_ 1\r\n" +
        "aSTAT 201_ h f d l a p c q\r\n" +
        "aRECE 201_ 123456700 192.168.0.10 rec/123456700.wav\r\n" +
        "aSTAT 204_ H f D l a p c q\r\n" +
        "aDRDY 204_\r\n" +
        "aECHO 204_ /109\r\n" +
        "aCONN 204_ /109 0\r\n" +
        "aRING 205_ /204 0 /205 _ Jan_Kowalski\r\n" +
        "aCW 201_ 0698765432 _\r\n" +
        "aUTAG 201_ IdSub=112\r\n" +
        "aREL 204_ 17\r\n" +
        "aREL 205_ 35\r\n" +
        "aSTAT 204_ h f D l a p c q\r\n" +
        "aSMSA G001 C 28\r\n" +
        "aSMSR G001 D 2 28 600333444\r\n" +
        "aSMSG G001 3 600333444 N 0,1,1 2026-11-20_10:05:00 Hello\\nsecond line with \\\\ backslash\r\n" +
        "aRING 206_ 0048221234567 5002 206 _ Biuro_Rachunkowe\r\n" +
        "aCONN 206_ 0048221234567 5002\r\n" +
        "aREL 206_ 1\r\n";

    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private byte[] _bytes = [];
    private CtipMessage[] _messages = [];

    [GlobalSetup]
    public void Setup()
    {
        _bytes = Encoding.ASCII.GetBytes(Stream);
        var buffer = new ReadOnlySequence<byte>(_bytes);
        var reader = new CtipLineReader();
        var messages = new List<CtipMessage>();
        while (reader.TryReadMessage(ref buffer, out var message))
        {
            messages.Add(message);
        }

        _messages = [.. messages];
    }

    /// <summary>Reads and parses the whole stream, as a connection's receive loop would.</summary>
    [Benchmark]
    public int Decode()
    {
        var buffer = new ReadOnlySequence<byte>(_bytes);
        var reader = new CtipLineReader();
        int count = 0;
        while (reader.TryReadMessage(ref buffer, out _))
        {
            count++;
        }

        return count;
    }

    /// <summary>Writes every message of the stream back to bytes.</summary>
    [Benchmark]
    public int Write()
    {
        _output.ResetWrittenCount();
        foreach (var message in _messages)
        {
            CtipCodec.Write(message, _output, CtiEncoding.Ibm852);
        }

        return _output.WrittenCount;
    }
}
