// natural ships no typings for this one file; importing it directly avoids natural's index, which
// loads storage back-ends and dotenv (see ../shared/PLATFORM.md).
declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
