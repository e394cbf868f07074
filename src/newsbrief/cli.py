"""Command line: parse options, build Settings and a Pipeline, render. Nothing else.

Exit codes: 0 success; 1 input or model problem (one line on stderr, traceback with
--debug); 2 wrong usage (unknown option, bad value).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import click

from . import __version__
from .batch import ENGINES, StoryResult, brief_stories, make_engine
from .errors import NewsbriefError
from .models import Briefing
from .pipeline import Pipeline, Progress
from .render import RENDERERS, render
from .render.json import to_dict
from .settings import Settings
from .store import open_store
from .summarise import SUMMARISERS

EPILOG = """\b
Examples:
  newsbrief brief examples/harbour-bridge/
  newsbrief brief examples/harbour-bridge/ --format html -o briefing.html
  newsbrief brief 'feeds/**/*.jsonl' --words 200 --format json
  cat article.txt | newsbrief brief - other.html
  newsbrief brief https://example.org/story.html examples/harbour-bridge/

\b
Inputs: plain text (optional ' date YYYY-MM-DD' first line, headline, dateline),
HTML pages, JSON/JSONL records (id, title, text, date, url, source), directories
(recursive), globs, '-' for stdin, http(s) URLs.
Exit codes: 0 ok, 1 unusable input (one-line reason), 2 usage error.
"""


class _Fail(click.ClickException):
    exit_code = 1


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsbrief")
def main() -> None:
    """Turn news articles about one story into a cited briefing, offline."""


def _story_filters(command: Callable[..., None]) -> Callable[..., None]:
    """The options that pick stories of a store, shared by `stories` and `brief-stories`."""
    options = [
        click.option("--db", type=click.Path(dir_okay=False, path_type=Path), required=True,
                     help="The store file."),
        click.option("--search", default=None, help="Only stories whose title or text contains this."),
        click.option("--since", default=None,
                     help="Only stories with articles on or after this date (YYYY-MM-DD)."),
        click.option("--until", default=None, help="Only stories with articles on or before this date."),
        click.option("--min-size", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Only stories with at least this many articles."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@main.command(epilog=EPILOG)
@click.argument("inputs", nargs=-1)
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Brief a story from this store (with --story) instead of INPUTS.")
@click.option("--story", "story_id", type=int, default=None, help="Story id (see `newsbrief stories`).")
@click.option("-w", "--words", type=click.IntRange(min=1), default=None,
              help="Summary word budget [default: 120].")
@click.option("-f", "--format", "output_format", type=click.Choice(sorted(RENDERERS)),
              default="md", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@click.option("--summariser", type=click.Choice(sorted(SUMMARISERS)), default=None,
              help="Summarisation algorithm: centroid (default), concept (best ROUGE, +0.8 s), lead.")
@click.option("--model", default=None,
              help="spaCy pipeline to load (default: the first installed English one).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="Refuse inputs larger than this many bytes [default: 2000000].")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TOML file overlaying the shipped settings.")
@click.option("--explain", is_flag=True, help="Show what cleaning removed from each article, and why.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or warnings on stderr.")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def brief(
    inputs: tuple[str, ...],
    db: Path | None,
    story_id: int | None,
    words: int | None,
    output_format: str,
    output: Path | None,
    summariser: str | None,
    model: str | None,
    max_bytes: int | None,
    config: Path | None,
    explain: bool,
    quiet: bool,
    debug: bool,
) -> None:
    """Brief the story told by INPUTS (files, directories, globs, URLs or '-'),
    or story ID of a store (--db PATH --story ID)."""
    if (db is None) != (story_id is None):
        raise click.UsageError("--db and --story go together")
    if inputs and db is not None:
        raise click.UsageError("give INPUTS or --db/--story, not both")
    if not inputs and db is None:
        raise click.UsageError("missing INPUTS (or --db PATH --story ID)")
    try:
        settings = Settings.load(
            config, words=words, summariser=summariser, model=model, max_bytes=max_bytes
        )
        progress = None if quiet or not sys.stderr.isatty() else _progress
        if db is not None and story_id is not None:
            briefing = _brief_stored(db, story_id, Pipeline(settings), progress)
        else:
            briefing = Pipeline(settings).brief(list(inputs), on_progress=progress)
        text = render(briefing, output_format, explain=explain)
    except NewsbriefError as exc:
        if debug:
            raise
        raise _Fail(str(exc)) from None
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    if not quiet:
        for warning in briefing.warnings:
            click.echo(f"warning: {warning.input}: {warning.reason}", err=True)


@main.command("brief-stories", epilog="""\b
Examples:
  newsbrief brief-stories --db news.db                          # every story, here
  newsbrief brief-stories --db news.db --engine dask --workers 4 -o briefings/ --format html
  newsbrief brief-stories --db news.db --scheduler tcp://10.0.0.5:8786 --min-size 3
\b
Briefings are saved in the store (`newsbrief serve` then shows them at once); stories
whose saved briefing covers all their articles are skipped unless --force.
The dask engine runs on an existing Dask cluster (--scheduler; its workers need newsbrief
installed) or starts --workers local processes; it needs: pip install 'newsbrief[dask]'.
Exit codes: 0 every story briefed, 1 some could not be (listed on stderr), 2 usage error.""")
@_story_filters
@click.option("--force", is_flag=True, help="Brief again stories whose saved briefing is up to date.")
@click.option("--engine", type=click.Choice(ENGINES), default=None,
              help="Where to run: this process (local, the default) or a Dask cluster.")
@click.option("--scheduler", default=None,
              help="Address of a running Dask scheduler (implies --engine dask).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Worker processes of the local Dask cluster (without --scheduler).")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write each briefing to DIR/story-ID.FORMAT.")
@click.option("-f", "--format", "output_format", type=click.Choice(sorted(RENDERERS)),
              default="md", show_default=True, help="Format of the files written with -o.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TOML file overlaying the shipped settings.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or warnings on stderr.")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def brief_stories_command(db: Path, search: str | None, since: str | None, until: str | None, min_size: int,
                          force: bool, engine: str | None, scheduler: str | None, workers: int,
                          output: Path | None, output_format: str, config: Path | None, quiet: bool,
                          debug: bool) -> None:
    """Brief many stories of the store DB at once, here or on a Dask cluster."""
    if engine == "local" and scheduler:
        raise click.UsageError("--scheduler needs --engine dask")
    show = not quiet and sys.stderr.isatty()

    def saved(result: StoryResult, done: int, total: int) -> None:
        if output is not None and result.briefing is not None:
            path = output / f"story-{result.story_id}.{output_format}"
            path.write_text(render(result.briefing, output_format), encoding="utf-8")
        if show:
            _progress("brief", done, total, "stories")

    try:
        settings = Settings.load(config)
        if output is not None:
            output.mkdir(parents=True, exist_ok=True)
        with open_store(db) as store:
            rows = store.stories(search=search, since=since, until=until, min_size=min_size)
            ids = [row.id for row in rows]
            runner = make_engine(engine or ("dask" if scheduler else "local"), scheduler=scheduler,
                                 workers=workers)
            try:
                report = brief_stories(store, runner, settings, story_ids=ids, force=force, on_result=saved)
            finally:
                runner.close()
    except NewsbriefError as exc:
        if debug:
            raise
        raise _Fail(str(exc)) from None
    click.echo(f"briefed {report.briefed} stories, {report.up_to_date} already up to date, "
               f"{len(report.failed)} failed; {db}")
    if not quiet:
        for story_id, reason in report.failed:
            click.echo(f"warning: story {story_id}: {reason}", err=True)
    if report.failed:
        sys.exit(1)


DEFAULT_SYSTEMS = (
    "lead,centroid,concept,concept-learned,sumy-lexrank,sumy-textrank,sumy-lsa,sumy-kl,sumy-luhn,oracle"
)


@main.command("eval", epilog="""\b
Examples:
  newsbrief eval ../shared/data/duc2004_task2.jsonl
  newsbrief eval ../shared/data/multinews_val250.jsonl --limit 50 --systems lead,centroid
\b
Budgets follow the literature unless --words is given: DUC 100 words (recall is the
headline figure), Multi-News 230 words (F1). sumy peers need: pip install -e '.[bench]'.
""")
@click.argument("datasets", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--systems", default=DEFAULT_SYSTEMS, show_default=True,
              help="Comma-separated systems to compare in the same run.")
@click.option("-w", "--words", type=click.IntRange(min=1), default=None,
              help="Word budget for every dataset (default: by dataset).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N clusters.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Also append the tables (Markdown) to this file.")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def evaluate_command(datasets: tuple[str, ...], systems: str, words: int | None, limit: int | None,
                     output: Path | None, debug: bool) -> None:
    """Compare summarisers on benchmark clusters (JSONL): ROUGE table with 95% intervals."""
    from .evaluate import budget_for, evaluate, format_table, read_clusters

    names = [name.strip() for name in systems.split(",") if name.strip()]
    try:
        for dataset in datasets:
            clusters = list(read_clusters(dataset, limit=limit))
            if not clusters:
                raise NewsbriefError(f"{dataset}: no clusters")
            budget, headline = budget_for(clusters[0])
            budget = words or budget

            def tick(number: int, cluster: object, total: int = len(clusters)) -> None:
                if sys.stderr.isatty():
                    _progress("scoring", number, total, "clusters")

            results, _ = evaluate(clusters, names, words=budget, on_cluster=tick)
            table = format_table(
                results, title=f"{Path(dataset).name}: {budget} words", headline=headline
            )
            click.echo(table + "\n")
            if output:
                with output.open("a", encoding="utf-8") as handle:
                    handle.write(table + "\n\n")
    except NewsbriefError as exc:
        if debug:
            raise
        raise _Fail(str(exc)) from None


@main.command("train-concepts", epilog="""\b
Example (how the shipped model was made; DUC 2004 and Multi-News stay unseen):
  newsbrief train-concepts ../shared/data/duc2003_task2.jsonl -o my_concepts.json
  newsbrief brief articles/ --summariser concept-learned --config my.toml
    (my.toml: concept_model = "my_concepts.json")
""")
@click.argument("datasets", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the model (JSON).")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Only the first N clusters of each file.")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def train_concepts_command(datasets: tuple[str, ...], output: Path, limit: int | None, debug: bool) -> None:
    """Train the concept weights of `--summariser concept-learned` on benchmark clusters (JSONL
    with human summaries): a logistic model of which bigrams a human summary keeps."""
    from .evaluate import read_clusters
    from .evaluate.train import train_concept_model

    try:
        clusters = [c for dataset in datasets for c in read_clusters(dataset, limit=limit)]
        if not clusters:
            raise NewsbriefError("no clusters in the input")

        def tick(number: int) -> None:
            if sys.stderr.isatty():
                _progress("training", number, len(clusters), "clusters")

        try:
            model = train_concept_model(
                clusters, trained_on=", ".join(Path(d).name for d in datasets), on_cluster=tick)
        except ValueError as exc:
            raise NewsbriefError(str(exc)) from None
        model.save(output)
        click.echo(f"wrote {output} ({len(clusters)} clusters)")
    except NewsbriefError as exc:
        if debug:
            raise
        raise _Fail(str(exc)) from None


@main.command("eval-timeline", epilog="""\b
Example:
  newsbrief eval-timeline ../shared/data/timeline17.jsonl
""")
@click.argument("dataset", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N topics.")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def evaluate_timeline_command(dataset: str, limit: int | None, debug: bool) -> None:
    """Timeline quality on Timeline17-style data: date F1 and alignment ROUGE per topic."""
    from .evaluate.data import read_clusters
    from .evaluate.timelines import evaluate_timelines, format_timeline_table

    try:
        clusters = [c for c in read_clusters(dataset, limit=limit) if c.timelines]
        if not clusters:
            raise NewsbriefError(f"{dataset}: no topics with reference timelines")
        scores = evaluate_timelines(
            clusters, on_topic=lambda s: click.echo(f"{s.topic}: done in {s.seconds:.1f} s", err=True)
        )
    except NewsbriefError as exc:
        if debug:
            raise
        raise _Fail(str(exc)) from None
    click.echo(format_timeline_table(scores))


def _brief_stored(db: Path, story_id: int, pipeline: Pipeline, progress: Progress | None) -> Briefing:
    with open_store(db) as store:
        briefing = pipeline.brief_articles(store.story_articles(story_id), on_progress=progress)
        store.save_briefing(story_id, to_dict(briefing))
    return briefing


@main.command("ingest", epilog="""\b
Examples:
  newsbrief ingest exports/*.jsonl --db news.db
  newsbrief ingest examples/ --db news.db     # again: adds nothing
\b
Articles are cleaned, deduplicated (exact and near copies) and grouped into stories as they
arrive; the store is one SQLite file. Re-running is safe: what is stored is skipped, and an
interrupted run is completed by the next one.""")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The store file (created if missing).")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A TOML file overlaying the shipped settings (story_threshold, …).")
@click.option("-q", "--quiet", is_flag=True, help="No progress or warnings on stderr.")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def ingest_command(inputs: tuple[str, ...], db: Path, config: Path | None, quiet: bool, debug: bool) -> None:
    """Add INPUTS (files, directories, globs, URLs) to the store DB, grouped into stories."""
    from .store.ingest import ingest

    try:
        settings = Settings.load(config)
        with open_store(db, create=True) as store:
            show = not quiet and sys.stderr.isatty()
            report = ingest(store, list(inputs), settings,
                            on_progress=(lambda n: _tick("ingest", n)) if show else None)
            stories = len(store.stories())
    except NewsbriefError as exc:
        if debug:
            raise
        raise _Fail(str(exc)) from None
    if show:
        click.echo("", err=True)
    click.echo(f"added {report.added} articles ({report.near_duplicates} near-duplicates linked), "
               f"{report.already_stored} already stored, {len(report.skipped)} skipped; "
               f"{report.new_stories} new stories, {report.merged_stories} merged; {stories} stories in {db}")
    if not quiet:
        for item in report.skipped:
            click.echo(f"warning: {item.input}: {item.reason}", err=True)


@main.command("stories", epilog="""\b
Examples:
  newsbrief stories --db news.db
  newsbrief stories --db news.db --search bridge --since 2024-03-01 --format json""")
@_story_filters
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many stories.")
@click.option("-f", "--format", "output_format", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def stories_command(db: Path, search: str | None, since: str | None, until: str | None, min_size: int,
                    limit: int | None, output_format: str, debug: bool) -> None:
    """List the stories of the store DB: id, size, date span, outlets and title."""
    try:
        with open_store(db) as store:
            rows = store.stories(search=search, since=since, until=until, min_size=min_size, limit=limit)
    except NewsbriefError as exc:
        if debug:
            raise
        raise _Fail(str(exc)) from None
    if output_format == "json":
        click.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return
    click.echo(f"{'id':>6} {'articles':>8} {'outlets':>7}  {'dates':<23}  title")
    for row in rows:
        span = f"{row.first_date or '?'} – {row.last_date or '?'}"
        click.echo(f"{row.id:>6} {row.size:>8} {row.outlets:>7}  {span:<23}  {row.title or ''}")


@main.command("serve", epilog="""\\b
Examples:
  newsbrief serve --db news.db                 # then open http://127.0.0.1:8000/
  newsbrief serve --db news.db --port 8080
\\b
Pages: / (stories, search, date filter), /stories/ID (the briefing), /brief (upload or paste
articles). JSON: /api/stories, /api/stories/ID/briefing, POST /api/brief; schema at
/api/openapi.json. Binds to 127.0.0.1 (this machine only) unless --host says otherwise.""")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The store file (see `newsbrief ingest`).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 exposes the pages to your network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--max-upload-bytes", type=click.IntRange(min=1), default=10_000_000, show_default=True,
              help="Largest upload or posted body; larger ones get a clear 413 error.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A TOML file overlaying the shipped settings.")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def serve_command(db: Path, host: str, port: int, max_upload_bytes: int, config: Path | None,
                  debug: bool) -> None:
    """Serve the stories of store DB and their briefings as web pages and a JSON API."""
    import uvicorn

    from .web import create_app

    try:
        app = create_app(db, Settings.load(config), max_upload_bytes=max_upload_bytes)
    except NewsbriefError as exc:
        if debug:
            raise
        raise _Fail(str(exc)) from None
    if host not in {"127.0.0.1", "localhost", "::1"}:
        click.echo(f"warning: listening on {host}: anyone who can reach this machine can read the store",
                   err=True)
    click.echo(f"newsbrief: serving {db} at http://{'[' + host + ']' if ':' in host else host}:{port}/ "
               "(Ctrl+C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="debug" if debug else "warning")


def _tick(stage: str, done: int) -> None:
    if done % 50 == 0:
        click.echo(f"\r{stage}: {done} inputs read", err=True, nl=False)


def _progress(stage: str, done: int, total: int, unit: str = "articles") -> None:
    end = "\n" if done == total else "\r"
    click.echo(f"{stage}: {done}/{total} {unit}{end}", err=True, nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
