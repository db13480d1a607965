using Slican.Cti.Protocol.Xctip;

namespace Slican.Cti.Client;

/// <summary>A request waiting for its reply, keyed by CId.</summary>
internal abstract class PendingRequest
{
    protected PendingRequest(string description, long sentTimestamp)
    {
        Description = description;
        SentTimestamp = sentTimestamp;
    }

    /// <summary>e.g. <c>Calls/MakeCall_REQ CId=12</c>.</summary>
    public string Description { get; }

    public long SentTimestamp { get; }

    /// <summary>Offers a correlated message; returns true when the request is finished (and can be removed).</summary>
    public abstract bool Offer(XctipMessage message);

    public abstract void Fail(Exception exception);
}

/// <summary>
/// Completes on <typeparamref name="TReply"/> with the same CId. An <c>Answer</c> with an error fails it; an
/// <c>Answer</c> without one completes it when the expected reply is the <c>Answer</c> itself and is otherwise ignored
/// (the verified <c>Sync_REQ</c> and the modeled <c>_ANS</c> requests send both).
/// </summary>
internal sealed class PendingRequest<TReply>(string description, long sentTimestamp) : PendingRequest(description, sentTimestamp)
    where TReply : XctipMessage
{
    private readonly TaskCompletionSource<TReply> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TReply> Task => _completion.Task;

    public override bool Offer(XctipMessage message)
    {
        if (message is XctipAnswer answer && !answer.IsSuccess)
        {
            _completion.TrySetException(new CtiRequestFailedException(Description, answer.Error!));
            return true;
        }

        if (message is TReply reply)
        {
            _completion.TrySetResult(reply);
            return true;
        }

        return false;
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
