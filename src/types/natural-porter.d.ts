// natural ships no typings for this one file; importing it directly skips the stemmers index, which
// loads every language's stemmer (and the Indonesian dictionary): 3 ms instead of about 45 ms.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
