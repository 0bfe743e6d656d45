using GraphQLParser;
using GraphQLParser.Exceptions;

namespace Phm.Api.Transport;

/// <summary>
/// Refuses an abusive document from its tokens alone, before GraphQL.NET parses and validates it: one pass of GraphQL-Parser's
/// lexer, stopping at the first limit exceeded. It allocates only for the distinct names of each selection set.
/// </summary>
internal static class DocumentPrecheck
{
    /// <summary>Throws a <see cref="DocumentLimitExceededError"/> if <paramref name="document"/> exceeds a limit; a lexical error is left to the parser to report.</summary>
    public static void Check(string document, DocumentLimits limits)
    {
        var source = new ROM(document.AsMemory());
        int tokens = 0, directives = 0, aliases = 0, repeatedFields = 0;
        // A brace opened inside parentheses is an input object, not a selection set; names followed by ':' there are not aliases.
        int selectionNesting = 0, parenthesesOpen = 0;
        var previousWasSelectionName = false;
        var previous = TokenKind.UNKNOWN;
        var typeConditionNext = false;
        // The response names selected so far in each open selection set, by nesting depth.
        var namesBySet = new List<HashSet<string>>();
        try
        {
            for (var token = Lexer.Lex(source, 0); token.Kind != TokenKind.EOF; token = Lexer.Lex(source, token.End))
            {
                if (token.Kind == TokenKind.COMMENT)
                    continue;
                if (++tokens > limits.MaxTokens)
                    throw new DocumentLimitExceededError("TOO_MANY_TOKENS", "tokens", limits.MaxTokens);
                switch (token.Kind)
                {
                    case TokenKind.AT when ++directives > limits.MaxDirectives:
                        throw new DocumentLimitExceededError("TOO_MANY_DIRECTIVES", "directives", limits.MaxDirectives);
                    case TokenKind.COLON when previousWasSelectionName && ++aliases > limits.MaxAliases:
                        throw new DocumentLimitExceededError("TOO_MANY_ALIASES", "aliases", limits.MaxAliases);
                    case TokenKind.PAREN_L:
                        parenthesesOpen++;
                        break;
                    case TokenKind.PAREN_R:
                        parenthesesOpen--;
                        break;
                    case TokenKind.BRACE_L when parenthesesOpen == 0:
                        if (++selectionNesting > limits.MaxNesting)
                            throw new DocumentLimitExceededError("TOO_DEEPLY_NESTED", "levels of nested selections", limits.MaxNesting);
                        // Unbalanced braces are the parser's to report; they must not break the count.
                        while (namesBySet.Count < selectionNesting)
                            namesBySet.Add(new HashSet<string>(StringComparer.Ordinal));
                        if (selectionNesting > 0)
                            namesBySet[selectionNesting - 1].Clear();
                        break;
                    case TokenKind.BRACE_R when parenthesesOpen == 0:
                        selectionNesting--;
                        break;
                    case TokenKind.NAME when selectionNesting > 0 && parenthesesOpen == 0:
                        if (IsResponseName(previous, ref typeConditionNext, token)
                            && !namesBySet[selectionNesting - 1].GetAlternateLookup<ReadOnlySpan<char>>().Add(token.Value.Span)
                            && ++repeatedFields > limits.MaxRepeatedFields)
                        {
                            throw new DocumentLimitExceededError("TOO_MANY_REPEATED_FIELDS", "repeated fields", limits.MaxRepeatedFields);
                        }
                        break;
                }
                previousWasSelectionName = token.Kind == TokenKind.NAME && selectionNesting > 0 && parenthesesOpen == 0;
                previous = token.Kind;
            }
        }
        catch (GraphQLSyntaxErrorException)
        {
            // The parser reports it with its position; nothing here has run long.
        }
    }

    /// <summary>
    /// Whether a name inside a selection set is what the response will be keyed by: a field's name or its alias, but not the field
    /// after an alias, a directive's name, a spread fragment's name or an inline fragment's <c>on Type</c>.
    /// </summary>
    private static bool IsResponseName(TokenKind previous, ref bool typeConditionNext, Token token)
    {
        if (typeConditionNext)
        {
            typeConditionNext = false;
            return false;
        }
        if (previous == TokenKind.SPREAD)
        {
            typeConditionNext = token.Value.Span.SequenceEqual("on");
            return false;
        }
        return previous is not (TokenKind.AT or TokenKind.COLON);
    }
}
