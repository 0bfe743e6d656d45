using GraphQLParser;
using GraphQLParser.Exceptions;

namespace Phm.Api.Transport;

/// <summary>
/// Refuses an abusive document from its tokens alone, before GraphQL.NET parses and validates it: one pass of GraphQL-Parser's
/// lexer, which allocates nothing per token, stopping at the first limit exceeded.
/// </summary>
internal static class DocumentPrecheck
{
    /// <summary>Throws a <see cref="DocumentLimitExceededError"/> if <paramref name="document"/> exceeds a limit; a lexical error is left to the parser to report.</summary>
    public static void Check(string document, DocumentLimits limits)
    {
        var source = new ROM(document.AsMemory());
        int tokens = 0, directives = 0, aliases = 0;
        // A brace opened inside parentheses is an input object, not a selection set; names followed by ':' there are not aliases.
        int selectionNesting = 0, parenthesesOpen = 0;
        var previousWasSelectionName = false;
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
                    case TokenKind.BRACE_L when parenthesesOpen == 0 && ++selectionNesting > limits.MaxNesting:
                        throw new DocumentLimitExceededError("TOO_DEEPLY_NESTED", "levels of nested selections", limits.MaxNesting);
                    case TokenKind.BRACE_R when parenthesesOpen == 0:
                        selectionNesting--;
                        break;
                }
                previousWasSelectionName = token.Kind == TokenKind.NAME && selectionNesting > 0 && parenthesesOpen == 0;
            }
        }
        catch (GraphQLSyntaxErrorException)
        {
            // The parser reports it with its position; nothing here has run long.
        }
    }
}
