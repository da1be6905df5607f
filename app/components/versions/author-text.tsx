interface Author {
  id: number;
  name: string;
  colour: string;
}

export interface AuthorshipData {
  parts: { title: string; blocks: { text: string; personId: number | null }[][] }[];
  authors: Author[];
}

/**
 * "Vem skrev vad": each run of text in its writer's colour, underlined in the same colour. Colour is
 * not the only cue: every run starts with the writer's name, visually hidden (read by screen
 * readers), and carries it as a tooltip; the legend lists everyone.
 */
export function AuthorText({ data, headingLevel = 2 }: { data: AuthorshipData; headingLevel?: 2 | 3 }) {
  const byId = new Map(data.authors.map((a) => [a.id, a]));
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="authorship">
      <div className="authorship__legend">
        <p>Färgerna visar vem som skrev texten:</p>
        {data.authors.length === 0 ? (
          <p className="muted">Ingen har skrivit något ännu.</p>
        ) : (
          <ul>
            {data.authors.map((author) => (
              <li key={author.id}>
                <span className="authorship__swatch" style={{ backgroundColor: author.colour }} aria-hidden="true" /> {author.name}
              </li>
            ))}
          </ul>
        )}
      </div>
      {data.parts.map((part, index) => (
        <section key={index} className="authorship__part">
          <Heading>{part.title}</Heading>
          {part.blocks.length === 0 ? <p className="muted">Ingen text.</p> : null}
          {part.blocks.map((runs, b) => (
            <p key={b}>
              {runs.map((run, r) => {
                const author = run.personId === null ? undefined : byId.get(run.personId);
                if (!author) return <span key={r}>{run.text}</span>;
                return (
                  <span key={r} className="authorship__run" style={{ color: author.colour, borderBottomColor: author.colour }} title={author.name}>
                    <span className="visually-hidden">[{author.name}:] </span>
                    {run.text}
                  </span>
                );
              })}
            </p>
          ))}
        </section>
      ))}
    </div>
  );
}
