using System.Text;
using Microsoft.Extensions.Options;
using Monolith.Web.Data;

namespace Monolith.Web.Features.Projects;

/// <summary>
/// Export files in <c>Database:DataDirectory</c>/exports. Web and worker processes must share that
/// folder (one process, or a shared volume) because the worker writes what the web process serves.
/// </summary>
public sealed class ExportFiles(IOptions<DatabaseOptions> database, IHostEnvironment environment)
{
    private readonly string _directory = Path.Combine(environment.ContentRootPath, database.Value.DataDirectory, "exports");

    public string PathFor(Guid fileId) => Path.Combine(_directory, $"{fileId:N}.csv");

    /// <summary>Writes to a temporary file and renames it, so a half-written file is never served.</summary>
    public async Task WriteAsync(Guid fileId, IEnumerable<Project> projects, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_directory);
        var temporary = PathFor(fileId) + ".tmp";
        await using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        {
            await ProjectCsv.WriteAsync(writer, projects, cancellationToken);
        }

        File.Move(temporary, PathFor(fileId), overwrite: true);
    }

    public void Delete(Guid fileId) => File.Delete(PathFor(fileId));

    /// <summary>
    /// Deletes every file written before <paramref name="cutoff"/>, with or without a row: files of deleted
    /// accounts and leftovers of interrupted writes. Returns how many.
    /// </summary>
    public int DeleteWrittenBefore(DateTimeOffset cutoff)
    {
        if (!Directory.Exists(_directory))
        {
            return 0;
        }

        var old = new DirectoryInfo(_directory).EnumerateFiles().Where(file => file.LastWriteTimeUtc < cutoff.UtcDateTime).ToList();
        old.ForEach(file => file.Delete());
        return old.Count;
    }
}
