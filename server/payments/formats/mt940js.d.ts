// The part of mt940js (which ships no types) the MT940 import uses; see its README.
declare module 'mt940js' {
  export type Transaction = {
    date: Date;
    amount: number;
    reversal: boolean;
    currency: string;
    details: string;
    transactionType: string;
    reference: string;
    entryDate?: Date;
    bankReference?: string;
    extraDetails?: string;
    structuredDetails?: Record<string, string>;
  };
  export type Statement = { accountIdentification: string; currency: string; number: { statement: string; sequence?: string }; transactions: Transaction[] };
  export class Parser {
    constructor(options?: { no86Structure?: boolean });
    parse(data: string, withTags?: boolean): Statement[];
  }
  /** The CommonJS module object, as an ES import sees it. */
  const mt940js: { Parser: typeof Parser };
  export default mt940js;
}
