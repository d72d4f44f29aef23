namespace Provisioner.Worker.Tests.Infrastructure;

public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; throws with <paramref name="what"/> after the timeout.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>Polls an asynchronous <paramref name="condition"/> (a store read, say) until it holds.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: not within {timeout ?? TimeSpan.FromSeconds(20)}");
            await Task.Delay(20);
        }
    }

    /// <summary>Polls <paramref name="value"/> until it is not null, and returns it.</summary>
    public static async Task<T> ValueAsync<T>(Func<T?> value, string what, TimeSpan? timeout = null) where T : class
    {
        T? found = null;
        await TrueAsync(() => (found = value()) is not null, what, timeout);
        return found!;
    }
}
