#!/usr/bin/env node
// The KPI report of test/clients/queries.sql through node-postgres (`pg` from
// npm, locked in package-lock.json), as a Node service or script would run it.
//
// Modes:
//   text     every query as pg runs it by default: the extended protocol,
//            parameters bound as $1, $2, ..., results in text format.  pg
//            keeps numeric as a string (no float rounding) and summary types
//            as their text form.
//   named    the parameterized queries as named (server-side prepared)
//            statements, executed twice (the second run uses the prepared
//            statement).
//   binary   `binary: true`: every result column in PostgreSQL's binary
//            format.  pg 8.x decodes every field of a data row as a UTF-8
//            string and turns binary ones back into a Buffer, which replaces
//            each byte that is not valid UTF-8 (brianc/node-postgres#3495):
//            binary results are corrupted, summary types included.  The
//            raw bytes are printed as hex and compare.py checks them against
//            psql's bytes after that same round trip (mode
//            "binary-known-utf8-bug"), so the test notices when pg is fixed.
//            Use text mode with pg until then.  Note also that pg sends a
//            query without parameters through the simple protocol, whose
//            results are always text: `binary: true` is then ignored without
//            a word, unless the query also says `queryMode: 'extended'`.
// Output, one value per line (compare.py checks it against psql):
//   query <TAB> mode <TAB> row <TAB> column <TAB> name <TAB> format <TAB> kind <TAB> value
// Connection: libpq's environment variables (PGHOST, PGPORT, PGUSER, PGDATABASE).
'use strict'

const fs = require('fs')
const path = require('path')
const { Client, types } = require('pg')

function readQueries (file) {
  const queries = []
  let cur = null
  for (const line of fs.readFileSync(file, 'utf8').split('\n').concat(['-- query: <end>'])) {
    if (line.startsWith('-- query: ')) {
      if (cur) {
        cur.sql = cur.lines.join('\n').trim().replace(/;$/, '')
        queries.push(cur)
      }
      cur = { name: line.slice('-- query: '.length).trim(), params: [], lines: [] }
    } else if (line.startsWith('-- params: ')) {
      for (const item of line.slice('-- params: '.length).split(' | ')) {
        const t = item.trim()
        const sp = t.indexOf(' ')
        cur.params.push({ type: t.slice(0, sp), value: t.slice(sp + 1) })
      }
    } else if (line.startsWith('--') || cur === null) {
      continue
    } else {
      cur.lines.push(line)
    }
  }
  return queries
}

function escape (text) {
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n')
}

// [kind, text] for a value as pg returned it
function render (value) {
  if (value === null || value === undefined) return ['value', '\\N']
  if (Buffer.isBuffer(value)) return ['hex', value.toString('hex')]
  if (value instanceof Date) {
    // a date column: pg turns it into a local-time Date at midnight
    const p = (n) => String(n).padStart(2, '0')
    return ['value', `${value.getFullYear()}-${p(value.getMonth() + 1)}-${p(value.getDate())}`]
  }
  if (typeof value === 'number') return ['value', String(value)]
  return ['value', String(value)]
}

function emit (out, query, mode, result) {
  result.rows.forEach((row, r) => {
    result.fields.forEach((field, c) => {
      const [kind, text] = render(row[c])
      out.push([query, mode, r + 1, c + 1, field.name, field.format, kind,
        text === '\\N' ? text : escape(text)].join('\t'))
    })
  })
}

function paramValue (p) {
  return p.value // pg sends every parameter as text; the server types it
}

async function main () {
  const queries = readQueries(path.join(__dirname, '..', 'queries.sql'))
  const client = new Client() // PGHOST, PGPORT, PGUSER, PGDATABASE
  await client.connect()
  const out = []

  for (const q of queries) {
    const values = q.params.map(paramValue)
    const res = await client.query({ text: q.sql, values, rowMode: 'array' })
    emit(out, q.name, 'text', res)
    if (q.params.length) {
      for (let run = 0; run < 2; run++) {
        const named = await client.query({ name: `kpi_${q.name}`, text: q.sql, values, rowMode: 'array' })
        if (run === 1) emit(out, q.name, 'named', named)
      }
    }
  }

  // Binary results: keep each binary value's bytes as they reach pg's type
  // parsers (for every type in the results), and print them as hex.
  const rawBinary = (buf) => Buffer.from(buf)
  const parsers = { getTypeParser: (oid, format) => (format === 'binary' ? rawBinary : types.getTypeParser(oid, format)) }
  for (const q of queries) {
    const values = q.params.map(paramValue)
    const res = await client.query({
      text: q.sql, values, rowMode: 'array', binary: true, queryMode: 'extended', types: parsers
    })
    emit(out, q.name, 'binary-known-utf8-bug', res)
  }

  await client.end()
  process.stdout.write(out.join('\n') + '\n')
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
