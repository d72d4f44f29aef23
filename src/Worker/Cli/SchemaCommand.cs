using Provisioner.Worker.Validation;

namespace Provisioner.Worker.Cli;

/// <summary>Prints the request's JSON Schema, for editors and for checking a request before sending it.</summary>
public static class SchemaCommand
{
    public static int Run()
    {
        Console.Out.Write(RequestSchema.Text);
        return 0;
    }
}
